using GridService.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Notifier.Delivery;

/// <summary>What <see cref="SentMarkers.ClaimAsync"/> found.</summary>
public enum ClaimResult
{
    /// <summary>This worker may send it now.</summary>
    Claimed,

    /// <summary>It was delivered before: do not send it again.</summary>
    AlreadySent,

    /// <summary>Another worker is sending it right now.</summary>
    Busy,
}

/// <summary>
/// Exactly-once as the recipient sees it, as far as the channel allows. One key per message (and per part of a
/// split message): <c>claim:&lt;token&gt;</c> with a lease-long TTL while a worker sends it (SET NX PX), then
/// <c>sent</c> for <see cref="DeliveryOptions.SentMarkerTtl"/>. A redelivered, reclaimed or re-driven message finds
/// <c>sent</c> and is skipped; a second worker finds the claim and waits.
/// The remaining window: a crash after the channel accepted a send and before <c>sent</c> is written repeats that
/// one send after the lease (at-least-once). Webhooks carry the message id as <c>Idempotency-Key</c> so the gateway
/// closes that window; the WeCom robot has no such key, so there it stays a few milliseconds wide.
/// </summary>
public sealed class SentMarkers(RedisStore store, IOptions<DeliveryOptions> options)
{
    private const string Sent = "sent";
    private const string MessageScope = "deliver";
    private const string PartScope = "part";

    private IDatabase Db => store.Db;

    /// <summary>Claims <paramref name="messageId"/> for <paramref name="lease"/>; the returned token releases it.</summary>
    public async Task<(ClaimResult Result, string Token, TimeSpan RetryIn)> ClaimAsync(string messageId, TimeSpan lease)
    {
        var key = store.Keys.Once(MessageScope, messageId);
        var token = "claim:" + Guid.NewGuid().ToString("N");
        if (await Db.StringSetAsync(key, token, lease, When.NotExists)) return (ClaimResult.Claimed, token, TimeSpan.Zero);
        var current = await Db.StringGetWithExpiryAsync(key);
        if (current.Value == Sent) return (ClaimResult.AlreadySent, "", TimeSpan.Zero);
        return (ClaimResult.Busy, "", current.Expiry ?? TimeSpan.FromSeconds(1));
    }

    /// <summary>Marks the message delivered (replacing the claim).</summary>
    public Task MarkSentAsync(string messageId) =>
        Db.StringSetAsync(store.Keys.Once(MessageScope, messageId), Sent, options.Value.SentMarkerTtl);

    /// <summary>Gives the claim up after a failed attempt, so the next attempt need not wait for it to expire.</summary>
    public Task ReleaseAsync(string messageId, string token) =>
        RedisLock.DeleteIfEqualsAsync(Db, store.Keys.Once(MessageScope, messageId), token);

    /// <summary>True when this part of a split message was delivered already.</summary>
    public async Task<bool> IsPartSentAsync(string partId) =>
        await Db.StringGetAsync(store.Keys.Once(PartScope, partId)) == Sent;

    /// <summary>Marks one part delivered.</summary>
    public Task MarkPartSentAsync(string partId) =>
        Db.StringSetAsync(store.Keys.Once(PartScope, partId), Sent, options.Value.SentMarkerTtl);
}
