using GridService.Bot.Knowledge;
using GridService.Core.Hosting;
using GridService.Core.Security;
using GridService.Notifier.Hosting;

namespace GridService.Bot.Hosting;

/// <summary>
/// The one place that composes both hosts: <c>dotnet run --project src/Bot</c> runs the Bot and the Notifier in one
/// process (the embedded default), or one of them with <c>--role bot|notifier</c>. Nothing else in the Bot project
/// knows the Notifier; the two share only Redis and Core (an architecture test keeps it so).
/// </summary>
public static class AllInOneHost
{
    /// <summary>What the host prints once it listens: where to go next (README's tour).</summary>
    public const string Hint = """
        GridService is listening on {address}. Try the tour (README.md):
          curl -s {address}/api/groups
          curl -s -X POST {address}/api/chat/inbound -H 'Content-Type: application/json' -d '{"messageId":"m1","groupId":"grp-xingfuli","senderId":"u-xfl-001","senderName":"王阿姨","text":"@小电 电费在哪里交","mentionsBot":true}'
          curl -s '{address}/api/chat/groups/grp-xingfuli/transcript?after=0'
        """;

    /// <summary>The one line for a Bot start-up failure an operator fixes in a file: a knowledge entry or corpus line.</summary>
    public static string? Explain(Exception exception) =>
        exception is KnowledgeBaseException broken ? $"The knowledge base cannot be loaded: {broken.Message}" : null;

    /// <summary>Builds the host of the configured role; <paramref name="services"/> may register replacements first (tests: a fake clock).</summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = GridWebHost.CreateBuilder(args, BotHost.DefaultUrl);
        services?.Invoke(builder.Services);
        var role = HostRoles.From(builder.Configuration);
        Exposure.Check(builder.Configuration, takesBridgeTraffic: role is HostRole.All or HostRole.Bot);
        if (role is HostRole.All or HostRole.Bot) builder.Services.AddBotHost(builder.Configuration);
        if (role is HostRole.All or HostRole.Notifier) builder.Services.AddNotifierHost(builder.Configuration);
        var app = builder.Build();
        if (role is HostRole.All or HostRole.Bot) app.Services.BeginLoadingKnowledge();
        app.UseGridCore();
        app.MapMetricsEndpoint();
        if (role is HostRole.All or HostRole.Bot) app.MapBotHost();
        if (role is HostRole.All or HostRole.Notifier) app.MapNotifierHost();
        return app;
    }
}
