namespace GridService.Core.Storage;

/// <summary>
/// The key prefix and the keys of Core's own machinery (queues, idempotency markers). Each feature builds its keys
/// next to its store from <see cref="Prefix"/>; keys that one script or transaction touches together share a hash tag
/// (<c>{...}</c>) so the same code runs on Redis Cluster.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    /// <summary>The prefix all keys start with.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Keys of one reliable queue; they share the hash tag <c>{q:name}</c>.</summary>
    public QueueKeys Queue(string name) => new($"{Prefix}:{{q:{name}}}");

    /// <summary>Pub/sub channel that wakes consumers of a queue.</summary>
    public string QueueWake(string name) => $"{Prefix}:wake:{name}";

    /// <summary>Idempotency marker (SET NX EX) for one scope and id.</summary>
    public string Once(string scope, string id) => $"{Prefix}:once:{scope}:{id}";
}

/// <summary>The keys of one reliable queue.</summary>
public readonly record struct QueueKeys(string Root)
{
    /// <summary>Items waiting to be taken.</summary>
    public string Ready => Root + ":ready";
    /// <summary>Items taken by a worker and not yet acknowledged.</summary>
    public string Processing => Root + ":processing";
    /// <summary>Lease expiry per processing item (score: Unix ms).</summary>
    public string Leases => Root + ":leases";
    /// <summary>Items due later (retries, delayed sends), scored by due time (Unix ms).</summary>
    public string Delayed => Root + ":delayed";
    /// <summary>Items that failed their last attempt.</summary>
    public string Dead => Root + ":dead";
    /// <summary>De-duplication marker of one item id, in the queue's hash slot.</summary>
    public string Seen(string id) => Root + ":seen:" + id;
}
