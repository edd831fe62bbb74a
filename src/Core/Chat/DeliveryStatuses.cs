using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Core.Chat;

/// <summary>Where an outbound message stands.</summary>
public enum DeliveryState
{
    /// <summary>In the outbound queue, not tried yet.</summary>
    [JsonStringEnumMemberName("queued")] Queued,

    /// <summary>Waiting for its turn without a failure: a rate limit slot, or another worker holding it.</summary>
    [JsonStringEnumMemberName("deferred")] Deferred,

    /// <summary>An attempt failed transiently; another follows at <see cref="DeliveryRecord.NextAttemptAt"/>.</summary>
    [JsonStringEnumMemberName("retrying")] Retrying,

    /// <summary>Delivered to the channel.</summary>
    [JsonStringEnumMemberName("sent")] Sent,

    /// <summary>Failed for good; in the dead-letter list with the reason, until an operator re-drives it.</summary>
    [JsonStringEnumMemberName("dead")] Dead,

    /// <summary>Deliberately not sent (opt-out, too late to matter); the reason says why.</summary>
    [JsonStringEnumMemberName("skipped")] Skipped,

    /// <summary>
    /// Queued, then withdrawn because it was no longer true when its time came (a bill paid between queueing and
    /// sending); the reason says why (<c>paid</c>).
    /// </summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>The delivery status of one outbound message, as operators see it.</summary>
/// <param name="MessageId">The outbound message id.</param>
/// <param name="Channel">Its channel.</param>
/// <param name="Target">The group id, or <c>dm:</c> and the recipient (numbers masked).</param>
/// <param name="Kind">What it is (notice kind, reply...).</param>
/// <param name="NoticeId">The notice it belongs to, if any.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="Reason">The last error, the dead-letter reason or why it waits.</param>
/// <param name="UpdatedAt">When this record last changed.</param>
/// <param name="NextAttemptAt">When it is tried (again): while deferred or retrying, and while queued to wait for quiet hours to end.</param>
/// <param name="NotBefore">The earliest time it may go (quiet hours), when it was held back.</param>
public sealed record DeliveryRecord(
    string MessageId, string Channel, string Target, string Kind, string? NoticeId, DeliveryState State, int Attempts,
    string? Reason, DateTimeOffset UpdatedAt, DateTimeOffset? NextAttemptAt = null, DateTimeOffset? NotBefore = null)
{
    /// <summary>A record for <paramref name="message"/> in <paramref name="state"/>.</summary>
    public static DeliveryRecord For(OutboundMessage message, DeliveryState state, DateTimeOffset now, int attempts = 0,
        string? reason = null, DateTimeOffset? nextAttemptAt = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Id, message.Channel, TargetOf(message), message.Kind, message.NoticeId, state, attempts,
            reason is null ? null : Masking.MaskText(reason), now, nextAttemptAt, message.NotBefore);
    }

    /// <summary>The group, or the private recipient with personal numbers masked.</summary>
    public static string TargetOf(OutboundMessage message) =>
        message.GroupId.Length > 0 ? message.GroupId : "dm:" + Masking.MaskText(message.RecipientId ?? "?");
}

/// <summary>
/// Delivery status records in Redis: one JSON string per message (kept <see cref="Retention"/>), a set of message
/// ids per notice, and a bounded index of recent updates. The outbound queue stays the source of truth for what is
/// still to be sent; these records are what an operator reads.
/// </summary>
public sealed class DeliveryStatuses(RedisStore store, TimeProvider time)
{
    /// <summary>How long a record is kept after its last change.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    /// <summary>About how many ids the recent index keeps.</summary>
    public const int RecentLimit = 10_000;

    private IDatabase Db => store.Db;

    private string Prefix => store.Keys.Prefix;

    private string RecordKey(string messageId) => $"{Prefix}:dlv:{messageId}";

    private string NoticeKey(string noticeId) => $"{Prefix}:dlv-notice:{noticeId}";

    // Sorted set of recently updated message ids (score: Unix ms).
    private string RecentKey => $"{Prefix}:dlv-recent";

    /// <summary>
    /// Records a freshly queued message without waiting for Redis, and with two commands only (the record and the
    /// notice's index): enqueueing a million reminders must not pay a round trip or much server time each. Never
    /// overwrites a record (a late write cannot turn "sent" back into "queued"); the worker writes the record, the
    /// recent index and the index's expiry when it takes the message, so a lost write costs nothing but a moment.
    /// </summary>
    public void Queued(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        var waits = message.NotBefore is { } notBefore && notBefore > now;
        var record = DeliveryRecord.For(message, DeliveryState.Queued, now, reason: waits ? "waiting for quiet hours to end" : null,
            nextAttemptAt: waits ? message.NotBefore : null);
        Db.StringSet(RecordKey(message.Id), Serialize(record), Retention, When.NotExists, CommandFlags.FireAndForget);
        if (message.NoticeId is { Length: > 0 } noticeId)
        {
            Db.SetAdd(NoticeKey(noticeId), message.Id, CommandFlags.FireAndForget);
        }
    }

    /// <summary>
    /// Records, without waiting for Redis, that a message was deliberately not produced (the customer opted out):
    /// <paramref name="message"/> is what would have gone. The record names the reason, so "why did this customer
    /// get no reminder" has an answer.
    /// </summary>
    public void Skipped(OutboundMessage message, string reason)
    {
        ArgumentNullException.ThrowIfNull(message);
        var record = DeliveryRecord.For(message, DeliveryState.Skipped, time.GetUtcNow(), reason: reason);
        Db.StringSet(RecordKey(message.Id), Serialize(record), Retention, When.Always, CommandFlags.FireAndForget);
        if (message.NoticeId is { Length: > 0 } noticeId) Db.SetAdd(NoticeKey(noticeId), message.Id, CommandFlags.FireAndForget);
    }

    /// <summary>Records that a queued message was withdrawn at its send time because it was no longer true.</summary>
    public Task CancelledAsync(OutboundMessage message, int attempts, string reason) =>
        SetAsync(DeliveryRecord.For(message, DeliveryState.Cancelled, time.GetUtcNow(), attempts, reason));

    /// <summary>Writes <paramref name="record"/>, replacing the message's previous one, and indexes it.</summary>
    public async Task SetAsync(DeliveryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ChatMetrics.Delivery(record.State, record.Channel);
        var recent = RecentKey;
        var writes = new List<Task>
        {
            Db.StringSetAsync(RecordKey(record.MessageId), Serialize(record), Retention),
            Db.SortedSetAddAsync(recent, record.MessageId, record.UpdatedAt.ToUnixTimeMilliseconds()),
        };
#pragma warning disable CA5394 // sampling, not security: trimming now and then keeps the index near its limit
        if (Random.Shared.Next(100) == 0) writes.Add(Db.SortedSetRemoveRangeByRankAsync(recent, 0, -RecentLimit - 1));
#pragma warning restore CA5394
        if (record.NoticeId is { Length: > 0 } noticeId)
        {
            var key = NoticeKey(noticeId);
            writes.Add(Db.SetAddAsync(key, record.MessageId));
            writes.Add(Db.KeyExpireAsync(key, Retention));
        }

        await Task.WhenAll(writes);
    }

    /// <summary>The record of one message, if there is one.</summary>
    public async Task<DeliveryRecord?> GetAsync(string messageId)
    {
        var value = await Db.StringGetAsync(RecordKey(messageId));
        return value.IsNull ? null : Deserialize(value!);
    }

    /// <summary>Every record of a notice, ordered by target.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> OfNoticeAsync(string noticeId)
    {
        var ids = await Db.SetMembersAsync(NoticeKey(noticeId));
        return (await ReadAsync(ids)).OrderBy(r => r.Target, StringComparer.Ordinal).ThenBy(r => r.MessageId, StringComparer.Ordinal).ToList();
    }

    /// <summary>The most recently updated records, newest first.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> RecentAsync(int max = 100)
    {
        var ids = await Db.SortedSetRangeByRankAsync(RecentKey, 0, max - 1, Order.Descending);
        return (await ReadAsync(ids)).OrderByDescending(r => r.UpdatedAt).ToList();
    }

    // One GET per id, pipelined: the ids hash to different slots on a cluster, so no MGET.
    private async Task<IEnumerable<DeliveryRecord>> ReadAsync(RedisValue[] ids)
    {
        var values = await Task.WhenAll(ids.Select(id => Db.StringGetAsync(RecordKey(id!))));
        return values.Where(v => !v.IsNull).Select(v => Deserialize(v!));
    }

    private static string Serialize(DeliveryRecord record) => JsonSerializer.Serialize(record, CoreJson.Default.DeliveryRecord);

    private static DeliveryRecord Deserialize(string json) =>
        JsonSerializer.Deserialize(json, CoreJson.Default.DeliveryRecord) ?? throw new InvalidDataException("Empty delivery record.");
}
