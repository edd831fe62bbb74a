namespace GridService.Notifier.Hosting;

/// <summary>The Notifier's command line: <c>templates check</c>, <c>templates render</c>.</summary>
public static class NotifierCli
{
    /// <summary>True when the arguments name a command rather than starting the host.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    /// <summary>Runs a command; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        error.WriteLine($"Unknown command '{string.Join(' ', args)}'.");
        return Task.FromResult(2);
    }
}
