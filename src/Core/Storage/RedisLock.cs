using StackExchange.Redis;

namespace GridService.Core.Storage;

/// <summary>
/// A lock on one Redis key: <c>SET key token NX PX ttl</c> to take it, and a compare-and-delete script to release it,
/// so a holder whose lease ran out never frees a lock another holder took since.
/// </summary>
public sealed class RedisLock : IAsyncDisposable
{
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private readonly IDatabase _db;
    private readonly string _key;

    private RedisLock(IDatabase db, string key, string token)
    {
        _db = db;
        _key = key;
        Token = token;
    }

    /// <summary>This holder's token (the key's value while it holds the lock).</summary>
    public string Token { get; }

    /// <summary>Takes the lock for <paramref name="ttl"/>; null when someone else holds it.</summary>
    public static async Task<RedisLock?> TryAcquireAsync(IDatabase db, string key, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(db);
        var token = Guid.NewGuid().ToString("N");
        return await db.StringSetAsync(key, token, ttl, When.NotExists) ? new RedisLock(db, key, token) : null;
    }

    /// <summary>
    /// Gives the lock another <paramref name="ttl"/> from now if this holder still has it; false when it had expired
    /// (and maybe been taken), and then it is left alone.
    /// </summary>
    public async Task<bool> RenewAsync(TimeSpan ttl) =>
        (long)await _db.ScriptEvaluateAsync(RenewScript, [_key], [Token, (long)ttl.TotalMilliseconds]) == 1;

    /// <summary>Releases the lock if this holder still has it; false when it had expired (and maybe been taken).</summary>
    public Task<bool> ReleaseAsync() => DeleteIfEqualsAsync(_db, _key, Token);

    /// <summary>
    /// Deletes <paramref name="key"/> only while it still holds <paramref name="token"/>: the one compare-and-delete
    /// every claim and lock in the product releases with. False when the key holds something else or nothing.
    /// </summary>
    public static async Task<bool> DeleteIfEqualsAsync(IDatabase db, RedisKey key, RedisValue token)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (long)await db.ScriptEvaluateAsync(ReleaseScript, [key], [token]) == 1;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await ReleaseAsync();
}
