namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>Log events of the long connection. Never logs message text, the Secret, download URLs or keys.</summary>
internal static partial class LongConnectionLog
{
    [LoggerMessage(EventIds.WeComLongConnection, LogLevel.Information, "AI bot {Bot}: subscribed on the long connection")]
    public static partial void Subscribed(ILogger logger, string bot);

    [LoggerMessage(EventIds.WeComLongConnection + 1, LogLevel.Error, "AI bot {Bot}: WeCom refused the subscription with {Code} ({ErrMsg}); check WeCom:AiBots:{Bot}:BotId and Secret")]
    public static partial void SubscribeRefused(ILogger logger, string bot, int code, string errMsg);

    [LoggerMessage(EventIds.WeComLongConnection + 2, LogLevel.Warning, "AI bot {Bot}: the long connection dropped; reconnecting in {Delay}")]
    public static partial void Reconnecting(ILogger logger, string bot, TimeSpan delay, Exception? exception);

    [LoggerMessage(EventIds.WeComLongConnection + 3, LogLevel.Critical,
        "AI bot {Bot}: evicted by another connection while this deployment held the bot (another deployment or a tool uses its BotId); no process here connects for {HoldOff}, so the two do not evict each other in turn")]
    public static partial void EvictedFromOutside(ILogger logger, string bot, TimeSpan holdOff);

    [LoggerMessage(EventIds.WeComLongConnection + 4, LogLevel.Warning, "AI bot {Bot}: evicted after {Holder} took the lease over; standing by")]
    public static partial void EvictedByPeer(ILogger logger, string bot, string holder);

    [LoggerMessage(EventIds.WeComLongConnection + 5, LogLevel.Information, "AI bot {Bot}: closing the long connection ({Reason})")]
    public static partial void Closing(ILogger logger, string bot, string reason);

    [LoggerMessage(EventIds.WeComLongConnection + 20, LogLevel.Information, "AI bot {Bot}: this process holds the long connection")]
    public static partial void LeaseTaken(ILogger logger, string bot);

    [LoggerMessage(EventIds.WeComLongConnection + 21, LogLevel.Warning, "AI bot {Bot}: the lease was lost; closing this process's connection")]
    public static partial void LeaseLost(ILogger logger, string bot);

    [LoggerMessage(EventIds.WeComLongConnection + 22, LogLevel.Error, "AI bot {Bot}: the store is unavailable; retrying")]
    public static partial void StoreUnavailable(ILogger logger, string bot, Exception exception);

    [LoggerMessage(EventIds.WeComLongConnection + 40, LogLevel.Debug, "AI bot {Bot}: queued message {MessageId}")]
    public static partial void Queued(ILogger logger, string bot, string messageId);

    [LoggerMessage(EventIds.WeComLongConnection + 41, LogLevel.Information, "AI bot {Bot}: message {MessageId} was already queued")]
    public static partial void Duplicate(ILogger logger, string bot, string messageId);

    [LoggerMessage(EventIds.WeComLongConnection + 42, LogLevel.Warning, "AI bot {Bot}: a frame could not be read: {Reason}")]
    public static partial void Malformed(ILogger logger, string bot, string reason);

    [LoggerMessage(EventIds.WeComLongConnection + 43, LogLevel.Debug, "AI bot {Bot}: {What} acknowledged; nothing to queue")]
    public static partial void NothingToQueue(ILogger logger, string bot, string what);

    [LoggerMessage(EventIds.WeComLongConnection + 44, LogLevel.Information, "AI bot {Bot}: push {PushId} delivered ({How})")]
    public static partial void Delivered(ILogger logger, string bot, string pushId, string how);

    [LoggerMessage(EventIds.WeComLongConnection + 45, LogLevel.Warning, "AI bot {Bot}: push {PushId} failed: {Reason}")]
    public static partial void PushFailed(ILogger logger, string bot, string pushId, string reason);

    [LoggerMessage(EventIds.WeComLongConnection + 46, LogLevel.Information, "AI bot {Bot}: reply {PushId} pushed instead: {Reason}")]
    public static partial void FellBackToSend(ILogger logger, string bot, string pushId, string reason);

    [LoggerMessage(EventIds.WeComLongConnection + 47, LogLevel.Information, "AI bot {Bot}: {User} rated work order {OrderId} on the card: {Satisfied}")]
    public static partial void CardRating(ILogger logger, string bot, string user, string orderId, bool satisfied);

    [LoggerMessage(EventIds.WeComLongConnection + 48, LogLevel.Information, "AI bot {Bot}: feedback {Rating} on reply {ReplyId}")]
    public static partial void Feedback(ILogger logger, string bot, string rating, string replyId);

    [LoggerMessage(EventIds.WeComLongConnection + 49, LogLevel.Debug, "AI bot {Bot}: event {EventType} ignored")]
    public static partial void IgnoredEvent(ILogger logger, string bot, string eventType);

    [LoggerMessage(EventIds.WeComLongConnection + 50, LogLevel.Warning, "AI bot {Bot}: could not answer {What} in time: {Reason}")]
    public static partial void ReplyFailed(ILogger logger, string bot, string what, string reason);

    [LoggerMessage(EventIds.WeComLongConnection + 51, LogLevel.Warning, "AI bot {Bot}: message {MessageId} from chat {ChatId}, which no group is bound to, was ignored; bind it with {ConfigKey} = <group id>")]
    public static partial void UnboundChat(ILogger logger, string bot, string messageId, string chatId, string configKey);

    [LoggerMessage(EventIds.WeComLongConnection + 60, LogLevel.Warning, "AI bot {Bot}: an image of message {MessageId} could not be received: {Reason}")]
    public static partial void PhotoFailed(ILogger logger, string bot, string messageId, string reason);

    [LoggerMessage(EventIds.WeComLongConnection + 61, LogLevel.Information, "AI bot {Bot}: image of message {MessageId} stored as {AttachmentId} ({Bytes} bytes)")]
    public static partial void PhotoStored(ILogger logger, string bot, string messageId, string attachmentId, long bytes);
}
