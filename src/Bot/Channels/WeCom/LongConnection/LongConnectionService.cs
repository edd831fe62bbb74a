using Microsoft.Extensions.Options;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>Runs one <see cref="AiBotRunner"/> per AI bot in <c>long-connection</c> mode; nothing when there is none.</summary>
public sealed class LongConnectionService(
    IOptions<WeComOptions> weCom,
    AiBotLease lease,
    FrameIngress ingress,
    PushDispatcher dispatcher,
    IOptionsMonitor<LongConnectionOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly List<AiBotRunner> _runners = [.. weCom.Value.AiBots
        .Where(b => b.Value.IsLongConnection)
        .Select(b => new AiBotRunner(b.Key, b.Value, lease, ingress, dispatcher, options, time,
            loggers.CreateLogger("GridService.Bot.Channels.WeCom.LongConnection." + b.Key)))];

    /// <summary>The runners, one per long-connection bot.</summary>
    public IReadOnlyList<AiBotRunner> Runners => _runners;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(_runners.Select(r => r.RunAsync(stoppingToken)));
        await ingress.DrainAsync();
    }
}
