using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace GridService.Core.Storage;

/// <summary>
/// The one store: a shared <see cref="IConnectionMultiplexer"/> and the key builder. With no connection string it
/// owns an embedded Garnet server.
/// </summary>
public sealed class RedisStore : IAsyncDisposable
{
    private readonly EmbeddedGarnet? _embedded;

    /// <summary>Wraps an existing connection (tests, or a host that made its own).</summary>
    public RedisStore(IConnectionMultiplexer connection, string keyPrefix, EmbeddedGarnet? embedded = null)
    {
        Connection = connection;
        Keys = new RedisKeys(keyPrefix);
        _embedded = embedded;
    }

    /// <summary>The shared multiplexer.</summary>
    public IConnectionMultiplexer Connection { get; }

    /// <summary>Key builder.</summary>
    public RedisKeys Keys { get; }

    /// <summary>The database all data lives in.</summary>
    public IDatabase Db => Connection.GetDatabase();

    /// <summary>Replicas that must confirm a queued item before it is acknowledged (<see cref="StoreOptions.ReplicaAcks"/>).</summary>
    public int ReplicaAcks { get; init; }

    /// <summary>How long <see cref="ConfirmReplicatedAsync"/> waits.</summary>
    public TimeSpan ReplicaAckTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// With <see cref="ReplicaAcks"/> set, waits (<c>WAIT</c> on the master holding <paramref name="key"/>) until that
    /// many replicas have this connection's writes; throws when fewer confirm in time, so the caller does not
    /// acknowledge what a failover could lose.
    /// </summary>
    public async Task ConfirmReplicatedAsync(RedisKey key)
    {
        if (ReplicaAcks <= 0 || IsEmbedded) return;
        var acked = (long)await Connection.GetServer(key).ExecuteAsync("WAIT", [ReplicaAcks, (long)ReplicaAckTimeout.TotalMilliseconds]);
        if (acked < ReplicaAcks)
        {
            throw new RedisException($"Only {acked} of {ReplicaAcks} replica(s) confirmed the write within {ReplicaAckTimeout}; not acknowledged (Store:ReplicaAcks).");
        }
    }

    /// <summary>True when the store runs in-process.</summary>
    public bool IsEmbedded => _embedded is not null;

    /// <summary>
    /// Connects to <paramref name="connectionString"/>, or starts the embedded store when it is empty. With
    /// <see cref="StoreOptions.AttachToRunningHost"/> (command-line tools) an embedded folder held by a running host
    /// is reached through that host's store instead.
    /// </summary>
    public static async Task<RedisStore> OpenAsync(string? connectionString, StoreOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        EmbeddedGarnet? embedded = null;
        if (string.IsNullOrWhiteSpace(connectionString) && options.AttachToRunningHost && RunningHost(options.DataDirectory) is { } holder)
        {
            logger.LogInformation("Using the running host's store (PID {Pid}, 127.0.0.1:{Port})", holder.Pid, holder.Port);
            connectionString = $"127.0.0.1:{holder.Port},abortConnect=false";
        }
        else if (string.IsNullOrWhiteSpace(connectionString))
        {
            embedded = EmbeddedGarnet.Start(options.DataDirectory, options.EmbeddedPort, logger);
            connectionString = embedded.ConnectionString;
        }

        var config = ConfigurationOptions.Parse(connectionString);
        config.AbortOnConnectFail = false;

        // While the connection is down a command fails at once instead of waiting in the backlog for the timeout:
        // HTTP callers get their 503 within a second (StoreOutageMiddleware) and workers retry on their own schedule.
        config.BacklogPolicy = BacklogPolicy.FailFast;
        var connection = await ConnectionMultiplexer.ConnectAsync(config);
        if (embedded is null)
        {
            logger.LogInformation("Connected to Redis at {Endpoints}", string.Join(',', config.EndPoints));
        }

        return new RedisStore(connection, options.KeyPrefix, embedded) { ReplicaAcks = options.ReplicaAcks, ReplicaAckTimeout = options.ReplicaAckTimeout };
    }

    /// <summary>The process holding the embedded folder, when one does and said where its store listens.</summary>
    public static DataDirectoryLock.Holder? RunningHost(string dataDirectory)
    {
        var folder = Path.GetFullPath(dataDirectory);
        if (!Directory.Exists(folder)) return null;
        using (var free = DataDirectoryLock.TryAcquire(folder))
        {
            if (free is not null) return null;
        }

        return DataDirectoryLock.ReadHolder(folder);
    }

    /// <summary>True when the store answers a PING.</summary>
    public async Task<bool> IsReachableAsync()
    {
        try
        {
            await Db.PingAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Connection.CloseAsync();
        Connection.Dispose();
        _embedded?.Dispose();
    }
}
