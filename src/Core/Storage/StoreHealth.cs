using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace GridService.Core.Storage;

/// <summary>
/// Whether the store is reachable, from the multiplexer's own connection events, so a request can be answered 503
/// at once instead of waiting out StackExchange.Redis's timeouts. Logs one warning when an outage starts and one line
/// when it ends, however many requests it refused; recovery is the multiplexer's own reconnect.
/// </summary>
public sealed partial class StoreHealth : IDisposable
{
    private readonly RedisStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<StoreHealth> _logger;
    private readonly Lock _gate = new();
    private DateTimeOffset? _downSince;

    /// <summary>Watches <paramref name="store"/>'s connection.</summary>
    public StoreHealth(RedisStore store, TimeProvider time, ILogger<StoreHealth> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time;
        _logger = logger;
        store.Connection.ConnectionFailed += OnFailed;
        store.Connection.ConnectionRestored += OnRestored;
    }

    /// <summary>True while the multiplexer holds a live connection.</summary>
    public bool IsAvailable => _store.Connection.IsConnected;

    /// <summary>Records a failure seen by a caller (a command that threw); logs only when it starts an outage.</summary>
    public void Failed(string reason) => MarkDown(reason);

    /// <summary>True when <paramref name="exception"/> (or one inside it) says the store failed or timed out.</summary>
    public static bool IsStoreFailure(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is RedisException or RedisTimeoutException) return true;
            if (ex is AggregateException aggregate && aggregate.InnerExceptions.Any(IsStoreFailure)) return true;
        }

        return false;
    }

    private void OnFailed(object? sender, ConnectionFailedEventArgs e) => MarkDown($"{e.FailureType} on {e.EndPoint}");

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        DateTimeOffset? since;
        lock (_gate)
        {
            if (!_store.Connection.IsConnected) return;
            since = _downSince;
            _downSince = null;
        }

        if (since is { } s) Log.Restored(_logger, _time.GetUtcNow() - s);
    }

    private void MarkDown(string reason)
    {
        lock (_gate)
        {
            if (_downSince is not null) return;
            _downSince = _time.GetUtcNow();
        }

        Log.Down(_logger, reason);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _store.Connection.ConnectionFailed -= OnFailed;
        _store.Connection.ConnectionRestored -= OnRestored;
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.StoreHealth, LogLevel.Warning, "The store is unavailable ({Reason}); HTTP callers get 503 with Retry-After until it is back")]
        public static partial void Down(ILogger logger, string reason);

        [LoggerMessage(EventIds.StoreHealth + 1, LogLevel.Information, "The store is back after {Outage}")]
        public static partial void Restored(ILogger logger, TimeSpan outage);
    }
}
