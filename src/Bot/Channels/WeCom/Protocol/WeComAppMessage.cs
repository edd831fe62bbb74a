using System.Globalization;

namespace GridService.Bot.Channels.WeCom.Protocol;

/// <summary>The outer POST body of a self-built app callback: <c>&lt;xml&gt;&lt;ToUserName/&gt;&lt;Encrypt/&gt;&lt;AgentID/&gt;&lt;/xml&gt;</c>.</summary>
/// <param name="Encrypt">The Base64 ciphertext to verify and decrypt.</param>
/// <param name="ToUserName">The CorpID it was sent to, when present.</param>
/// <param name="AgentId">The app's AgentID, when present.</param>
public sealed record WeComAppEnvelope(string Encrypt, string? ToUserName, string? AgentId);

/// <summary>A decrypted self-built app message or event.</summary>
/// <param name="ToUserName">The CorpID.</param>
/// <param name="FromUserName">The sender's userid.</param>
/// <param name="CreateTime">When it was sent, Unix seconds.</param>
/// <param name="MsgType">text, image, event...</param>
/// <param name="Content">The text of a text message.</param>
/// <param name="MsgId">The message id; absent for events.</param>
/// <param name="AgentId">The app's AgentID.</param>
/// <param name="Event">The event type when <paramref name="MsgType"/> is <c>event</c>.</param>
public sealed record WeComAppMessage(
    string ToUserName, string FromUserName, long CreateTime, string MsgType, string? Content, string? MsgId,
    string? AgentId, string? Event)
{
    /// <summary>True for an event (subscribe, enter_agent, click...) rather than a message.</summary>
    public bool IsEvent => MsgType == "event";

    /// <summary>When it was sent.</summary>
    public DateTimeOffset SentAt => DateTimeOffset.FromUnixTimeSeconds(CreateTime);

    /// <summary>
    /// The key WeCom retries are de-duplicated by: the MsgId, or FromUserName and CreateTime for events, which
    /// have no MsgId. The two forms carry different prefixes so they never collide.
    /// </summary>
    public string DedupeKey => MsgId is { Length: > 0 } id
        ? "msg:" + id
        : string.Create(CultureInfo.InvariantCulture, $"evt:{FromUserName}:{CreateTime}");
}
