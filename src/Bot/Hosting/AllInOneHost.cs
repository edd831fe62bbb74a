using GridService.Core.Hosting;
using GridService.Notifier.Hosting;

namespace GridService.Bot.Hosting;

/// <summary>
/// The one place that composes both hosts: <c>dotnet run --project src/Bot</c> runs the Bot and the Notifier in one
/// process (the embedded default), or one of them with <c>--role bot|notifier</c>. Nothing else in the Bot project
/// knows the Notifier; the two share only Redis and Core (an architecture test keeps it so).
/// </summary>
public static class AllInOneHost
{
    /// <summary>Builds the host of the configured role; <paramref name="services"/> may register replacements first (tests: a fake clock).</summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = GridWebHost.CreateBuilder(args, BotHost.DefaultUrl);
        services?.Invoke(builder.Services);
        var role = HostRoles.From(builder.Configuration);
        if (role is HostRole.All or HostRole.Bot) builder.Services.AddBotHost(builder.Configuration);
        if (role is HostRole.All or HostRole.Notifier) builder.Services.AddNotifierHost(builder.Configuration);
        var app = builder.Build();
        app.MapHealthEndpoints();
        if (role is HostRole.All or HostRole.Bot) app.MapBotHost();
        if (role is HostRole.All or HostRole.Notifier) app.MapNotifierHost();
        return app;
    }
}
