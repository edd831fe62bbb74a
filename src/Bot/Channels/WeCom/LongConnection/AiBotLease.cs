using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// Exactly one live connection per bot across all Bot processes: a lease in Redis (<c>SET NX PX</c>) that its holder
/// renews while it holds the connection, and a hold-off marker that stops every process from connecting for a while
/// after an eviction from outside (another client subscribed with the bot's id while this deployment held it).
/// </summary>
public sealed class AiBotLease(RedisStore store)
{
    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private string LeaseKey(string bot) => $"{store.Keys.Prefix}:aibot-lease:{bot}";

    private string HoldOffKey(string bot) => $"{store.Keys.Prefix}:aibot-holdoff:{bot}";

    /// <summary>Takes the lease for <paramref name="ttl"/>; the token, or null when another process holds it.</summary>
    public async Task<string?> TryAcquireAsync(string bot, string holder, TimeSpan ttl)
    {
        var token = holder + ":" + Guid.NewGuid().ToString("N");
        return await store.Db.StringSetAsync(LeaseKey(bot), token, ttl, When.NotExists) ? token : null;
    }

    /// <summary>Extends the lease while <paramref name="token"/> still holds it; false when it was lost.</summary>
    public async Task<bool> RenewAsync(string bot, string token, TimeSpan ttl) =>
        (long)await store.Db.ScriptEvaluateAsync(RenewScript, [(RedisKey)LeaseKey(bot)], [token, (long)ttl.TotalMilliseconds]) == 1;

    /// <summary>True while <paramref name="token"/> holds the lease.</summary>
    public async Task<bool> HoldsAsync(string bot, string token) => await store.Db.StringGetAsync(LeaseKey(bot)) == token;

    /// <summary>Gives the lease up if <paramref name="token"/> still holds it.</summary>
    public Task<bool> ReleaseAsync(string bot, string token) => RedisLock.DeleteIfEqualsAsync(store.Db, LeaseKey(bot), token);

    /// <summary>Who holds the lease (a process description and a random part), or null.</summary>
    public async Task<string?> HolderAsync(string bot) => await store.Db.StringGetAsync(LeaseKey(bot));

    /// <summary>Stops every process from connecting <paramref name="bot"/> for <paramref name="duration"/>.</summary>
    public Task HoldOffAsync(string bot, string reason, TimeSpan duration) => store.Db.StringSetAsync(HoldOffKey(bot), reason, duration);

    /// <summary>How much longer the hold-off lasts, or null when there is none.</summary>
    public async Task<TimeSpan?> HoldOffLeftAsync(string bot)
    {
        var ttl = await store.Db.KeyTimeToLiveAsync(HoldOffKey(bot));
        return ttl is { } left && left > TimeSpan.Zero ? left : null;
    }
}
