using GridService.Core.Storage;
using Microsoft.Extensions.Primitives;

namespace GridService.Bot.Misses.Overlay;

/// <summary>
/// Keeps the current <see cref="KnowledgeOverlaySnapshot"/> in memory: loaded at start-up, reloaded when any
/// instance approves a proposal (pub/sub), and checked every <see cref="PollInterval"/> in case a message was lost
/// (a reconnect). Each new snapshot fires the change token the engine watches.
/// </summary>
public sealed partial class KnowledgeOverlay(OverlayProposals proposals, RedisStore store, ILogger<KnowledgeOverlay> logger)
    : BackgroundService, IKnowledgeOverlay
{
    /// <summary>How often the version is checked without a message.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _reload = new(0);
    private KnowledgeOverlaySnapshot _current = KnowledgeOverlaySnapshot.Empty;
    private CancellationTokenSource _changed = new();

    /// <inheritdoc />
    public KnowledgeOverlaySnapshot Current => Volatile.Read(ref _current);

    /// <inheritdoc />
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded before the host serves anything, so the engine starts from the reviewed overlay.
        await ReloadAsync();
        await store.Connection.GetSubscriber().SubscribeAsync(proposals.Changed, (_, _) => _reload.Release());
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _reload.WaitAsync(PollInterval, stoppingToken);
                if (await proposals.VersionAsync() != Current.Version) await ReloadAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                Log.ReloadFailed(logger, ex.Message); // the store is away for a moment: keep the snapshot, try again later
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await store.Connection.GetSubscriber().UnsubscribeAsync(proposals.Changed);
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Loads the latest snapshot now (also used by tests and by the console right after an approval).</summary>
    public async Task ReloadAsync()
    {
        var snapshot = await proposals.SnapshotAsync();
        if (snapshot.Version == Current.Version && snapshot.Version != 0) return;
        Volatile.Write(ref _current, snapshot);
        var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
        await previous.CancelAsync();
        previous.Dispose();
        Log.Loaded(logger, snapshot.Version, snapshot.Examples.Sum(e => e.Value.Count), snapshot.Topics.Count);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _changed.Dispose();
        _reload.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Console + 20, LogLevel.Information, "Knowledge overlay version {Version}: {Examples} phrasings, {Topics} new topics")]
        public static partial void Loaded(ILogger logger, long version, int examples, int topics);

        [LoggerMessage(EventIds.Console + 21, LogLevel.Warning, "Knowledge overlay not reloaded: {Reason}")]
        public static partial void ReloadFailed(ILogger logger, string reason);
    }
}
