namespace GridService.Bot.Channels.WeCom;

/// <summary>Log events of the WeCom callbacks. Never logs message text, response_url, Token or key.</summary>
internal static partial class WeComLog
{
    [LoggerMessage(EventIds.WeCom + 1, LogLevel.Information, "WeCom {Kind} {Name}: callback URL verified")]
    public static partial void Verified(ILogger logger, string kind, string name);

    [LoggerMessage(EventIds.WeCom + 2, LogLevel.Warning, "WeCom {Kind} {Name}: refused a callback from {Remote}: {Reason}")]
    public static partial void Forged(ILogger logger, string kind, string name, string remote, string reason);

    [LoggerMessage(EventIds.WeCom + 3, LogLevel.Debug, "WeCom {Kind} {Name}: malformed callback from {Remote}: {Reason}")]
    public static partial void Malformed(ILogger logger, string kind, string name, string remote, string reason);

    [LoggerMessage(EventIds.WeCom + 4, LogLevel.Debug, "WeCom {Kind} {Name}: queued message {MessageId}")]
    public static partial void Queued(ILogger logger, string kind, string name, string messageId);

    [LoggerMessage(EventIds.WeCom + 5, LogLevel.Information, "WeCom {Kind} {Name}: message {MessageId} was already queued; retry acknowledged")]
    public static partial void Duplicate(ILogger logger, string kind, string name, string messageId);

    [LoggerMessage(EventIds.WeCom + 6, LogLevel.Warning, "WeCom AI bot {Name}: message {MessageId} from chat {ChatId}, which no group is bound to, was ignored; bind it with {ConfigKey} = <group id>")]
    public static partial void UnboundChat(ILogger logger, string name, string messageId, string chatId, string configKey);

    [LoggerMessage(EventIds.WeCom + 7, LogLevel.Debug, "WeCom {Kind} {Name}: {MsgType} callback acknowledged; nothing to queue")]
    public static partial void NothingToQueue(ILogger logger, string kind, string name, string msgType);

    [LoggerMessage(EventIds.WeCom + 8, LogLevel.Error, "WeCom {Kind} {Name}: the store is unavailable; answered 503 so WeCom retries")]
    public static partial void StoreUnavailable(ILogger logger, string kind, string name, Exception exception);

    [LoggerMessage(EventIds.WeCom + 9, LogLevel.Warning, "WeCom callback from {Remote} for unknown {Kind} '{Name}'; configure it or fix the URL in WeCom")]
    public static partial void UnknownName(ILogger logger, string remote, string kind, string name);
}
