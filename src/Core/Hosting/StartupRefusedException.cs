namespace GridService.Core.Hosting;

/// <summary>A start-up refused for a reason one line can state (a setting to add, a folder in use); the host prints it and exits.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
