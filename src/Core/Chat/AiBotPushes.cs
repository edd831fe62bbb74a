using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using GridService.Core.Queues;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Core.Chat;

/// <summary>
/// The reply address of a message that came over an AI bot's long connection: the bot, the frame's req_id (a reply
/// on it is <c>aibot_respond_msg</c>), the chat to push to when that window has passed, and when the frame arrived.
/// </summary>
/// <param name="Bot">The bot's configured name.</param>
/// <param name="ReqId">The inbound frame's <c>headers.req_id</c>.</param>
/// <param name="ChatId">The group's chat id, or the sender's userid in a single chat.</param>
/// <param name="IsGroup">True for a group chat.</param>
/// <param name="ReceivedAt">When the frame arrived.</param>
public sealed record LongConnectionAddress(string Bot, string ReqId, string ChatId, bool IsGroup, DateTimeOffset ReceivedAt)
{
    private const string Scheme = "wecom-lc:";

    /// <summary>The address as a message's <see cref="InboundMessage.ReplyAddress"/>.</summary>
    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{Scheme}{Uri.EscapeDataString(Bot)}/{(IsGroup ? 'g' : 's')}/{Uri.EscapeDataString(ChatId)}/{ReceivedAt.ToUnixTimeMilliseconds()}/{Uri.EscapeDataString(ReqId)}");

    /// <summary>Reads an address written by <see cref="Format"/>; false for anything else (a response_url, an app name).</summary>
    public static bool TryParse(string? value, out LongConnectionAddress? address)
    {
        address = null;
        if (value is null || !value.StartsWith(Scheme, StringComparison.Ordinal)) return false;
        var parts = value[Scheme.Length..].Split('/');
        if (parts.Length != 5 || parts[1] is not ("g" or "s")
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return false;
        }

        address = new LongConnectionAddress(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[4]),
            Uri.UnescapeDataString(parts[2]), parts[1] == "g", DateTimeOffset.FromUnixTimeMilliseconds(ms));
        return true;
    }
}

/// <summary>
/// One frame's worth of work for the process that holds a bot's long connection: a reply on an inbound frame's req_id
/// (<see cref="ReqId"/> set) or a proactive push to a chat.
/// </summary>
/// <param name="Id">The outbound message id: the idempotency key, and the key of the result.</param>
/// <param name="Bot">The bot's configured name.</param>
/// <param name="ChatId">Where a push goes: the group's chat id or a userid.</param>
/// <param name="IsGroup">True for a group chat.</param>
/// <param name="Text">Markdown content.</param>
/// <param name="Kind">The outbound message kind (answer, notice kind, workorder-resolved...).</param>
/// <param name="ReqId">The inbound frame's req_id for a reply; null for a push.</param>
/// <param name="ReceivedAt">When the inbound frame arrived (replies only).</param>
/// <param name="CreatedAt">When the message was produced.</param>
/// <param name="RatingOrder">A work order whose askers get a 满意/不满意 card after the text.</param>
public sealed record AiBotPush(
    string Id, string Bot, string ChatId, bool IsGroup, string Text, string Kind, string? ReqId, DateTimeOffset? ReceivedAt,
    DateTimeOffset CreatedAt, string? RatingOrder = null);

/// <summary>What the connection holder did with a push: delivered (and how), or failed for good with WeCom's answer.</summary>
/// <param name="Id">The push id.</param>
/// <param name="Delivered">True when WeCom acknowledged it.</param>
/// <param name="Detail">How (<c>respond</c>, <c>send</c>) or why not.</param>
/// <param name="ErrCode">WeCom's errcode (0 when delivered).</param>
/// <param name="At">When.</param>
public sealed record AiBotPushResult(string Id, bool Delivered, string Detail, int ErrCode, DateTimeOffset At);

/// <summary>
/// How the Notifier hands frames to the Bot process that holds a bot's long connection, and hears back. One reliable
/// queue per bot (<c>aibot-push:{bot}</c>): the holder takes an item under a lease, sends it, waits for WeCom's
/// acknowledgement and only then records the result and acknowledges the item, so a holder that dies mid-send leaves
/// the item to be reclaimed by the next holder; nothing is lost. Results live under the message id (published on one
/// channel) for the sender that waits for them; an item is queued once per id, so a sender's retries never send twice.
/// </summary>
public sealed class AiBotPushes(RedisStore store, TimeProvider time)
{
    /// <summary>How long a result is kept.</summary>
    public static readonly TimeSpan ResultRetention = TimeSpan.FromDays(2);

    /// <summary>A push no holder took within this long is dropped unsent (its sender gives it up too).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);
    private Task? _subscription;

    private string ResultKey(string id) => $"{store.Keys.Prefix}:aibot-push-result:{id}";

    private RedisChannel Done => RedisChannel.Literal($"{store.Keys.Prefix}:aibot-push-done");

    /// <summary>The queue of <paramref name="bot"/>'s frames.</summary>
    public ReliableQueue QueueOf(string bot) => new(store, "aibot-push:" + bot, time);

    /// <summary>Queues <paramref name="push"/> for its bot's holder, once per id; false when it was queued before.</summary>
    public Task<bool> EnqueueAsync(AiBotPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        return QueueOf(push.Bot).EnqueueOnceAsync(push.Id, JsonSerializer.Serialize(push, CoreJson.Compact.AiBotPush), Outbox.DedupeWindow);
    }

    /// <summary>Reads a queued item's push.</summary>
    public static AiBotPush Parse(QueueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return JsonSerializer.Deserialize(item.Payload, CoreJson.Default.AiBotPush) ?? throw new InvalidDataException("Empty AI-bot push.");
    }

    /// <summary>The result of push <paramref name="id"/>, when its holder finished it.</summary>
    public async Task<AiBotPushResult?> ResultAsync(string id)
    {
        var value = await store.Db.StringGetAsync(ResultKey(id));
        return value.IsNull ? null : JsonSerializer.Deserialize((string)value!, CoreJson.Default.AiBotPushResult);
    }

    /// <summary>Records the final result (the first one wins) and wakes whoever waits for it.</summary>
    public async Task CompleteAsync(AiBotPushResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        await store.Db.StringSetAsync(ResultKey(result.Id), JsonSerializer.Serialize(result, CoreJson.Default.AiBotPushResult), ResultRetention, When.NotExists);
        await store.Db.PublishAsync(Done, result.Id);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the result of push <paramref name="id"/>; null when none came.</summary>
    public async Task<AiBotPushResult?> WaitAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await SubscribeOnceAsync();
        var signal = _waiters.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            if (await ResultAsync(id) is { } ready) return ready;
            await signal.Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Published while we were not listening, or never: the key decides.
        }
        finally
        {
            _waiters.TryRemove(id, out _);
        }

        return await ResultAsync(id);
    }

    // One subscription for every waiter; a race may subscribe twice, which only wakes a waiter twice.
    private Task SubscribeOnceAsync() => LazyInitializer.EnsureInitialized(ref _subscription, () =>
        store.Connection.GetSubscriber().SubscribeAsync(Done, (_, value) =>
        {
            if (_waiters.TryGetValue((string)value!, out var waiter)) waiter.TrySetResult();
        }));
}
