using System.Security.Cryptography;
using System.Text;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Core.Chat;

/// <summary>What <see cref="ReplyAddresses.ClaimAsync"/> found.</summary>
public enum ReplyUrlClaim
{
    /// <summary>The URL is fresh and now belongs to this reply.</summary>
    Claimed,

    /// <summary>Older than WeCom's one hour (minus a margin), or never seen by this deployment.</summary>
    Expired,

    /// <summary>Another reply already used it; WeCom accepts one reply per URL.</summary>
    Used,
}

/// <summary>
/// The ledger of single-use reply addresses (a WeCom AI bot's response_url): when each arrived and which reply used
/// it, because WeCom accepts one reply per URL within an hour of the message. The Bot's ingress records the address;
/// the Notifier's sender claims it; they share only this ledger in Redis. Only a hash of the address is stored: the
/// address itself is a credential for posting into the chat.
/// </summary>
public sealed class ReplyAddresses(RedisStore store, TimeProvider time)
{
    /// <summary>How long WeCom accepts a reply on a response_url.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromHours(1);

    /// <summary>Held back from <see cref="Validity"/> so a post does not reach WeCom just after the URL expired.</summary>
    public static readonly TimeSpan SafetyMargin = TimeSpan.FromMinutes(1);

    // The record outlives the URL a little so a late claim reads "expired" from the time, not from a missing key.
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(2);

    // -1: no record; -2: claimed by another reply; otherwise the receive time (Unix ms), and the claim is ours.
    private const string ClaimScript = """
        local at = redis.call('HGET', KEYS[1], 'at')
        if not at then return -1 end
        local by = redis.call('HGET', KEYS[1], 'by')
        if by and by ~= ARGV[1] then return -2 end
        redis.call('HSET', KEYS[1], 'by', ARGV[1])
        return tonumber(at)
        """;

    /// <summary>Records that <paramref name="url"/> arrived now; a platform retry of the same message keeps the first time.</summary>
    public Task RecordAsync(string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        var key = Key(url);
        var at = store.Db.HashSetAsync(key, "at", time.GetUtcNow().ToUnixTimeMilliseconds(), When.NotExists);
        var expire = store.Db.KeyExpireAsync(key, KeepFor);
        return Task.WhenAll(at, expire);
    }

    /// <summary>Claims <paramref name="url"/> for the reply <paramref name="replyId"/>; the same reply may claim it again (a retry).</summary>
    public async Task<ReplyUrlClaim> ClaimAsync(string url, string replyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        ArgumentException.ThrowIfNullOrEmpty(replyId);
        var result = (long)await store.Db.ScriptEvaluateAsync(ClaimScript, [(RedisKey)Key(url)], [replyId]);
        if (result == -2) return ReplyUrlClaim.Used;
        if (result < 0) return ReplyUrlClaim.Expired;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(result);
        return age < Validity - SafetyMargin ? ReplyUrlClaim.Claimed : ReplyUrlClaim.Expired;
    }

    private string Key(string url) =>
        $"{store.Keys.Prefix}:reply-address:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))}";
}
