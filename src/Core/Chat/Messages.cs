namespace GridService.Core.Chat;

/// <summary>A message received from any channel, normalised for the pipeline.</summary>
/// <param name="MessageId">Channel message id, used for de-duplication.</param>
/// <param name="Channel">The channel it came from (simulator, bridge, wecom-aibot, wecom-app).</param>
/// <param name="GroupId">Group id; empty for a private message.</param>
/// <param name="SenderId">Sender's chat id.</param>
/// <param name="SenderName">Sender's display name.</param>
/// <param name="Text">The text as typed.</param>
/// <param name="MentionsBot">True when the bot was @-mentioned.</param>
/// <param name="QuoteMessageId">The message this one replies to, if any.</param>
/// <param name="SentAt">When the sender sent it.</param>
/// <param name="ReplyAddress">Channel-specific reply handle (e.g. WeCom response_url), never logged.</param>
/// <param name="Attachments">Ids of photos that came with it (a WeCom image in private chat), kept by the Bot's attachment store.</param>
public sealed record InboundMessage(
    string MessageId, string Channel, string GroupId, string SenderId, string SenderName, string Text,
    bool MentionsBot, string? QuoteMessageId, DateTimeOffset SentAt, string? ReplyAddress = null,
    IReadOnlyList<string>? Attachments = null)
{
    /// <summary>True for one-to-one messages.</summary>
    public bool IsPrivate => GroupId.Length == 0;
}

/// <summary>A message for the Notifier to deliver.</summary>
/// <param name="Id">Unique id; also the idempotency key of the send.</param>
/// <param name="Channel">simulator, wecom-robot, wecom-aibot, bridge, sms.</param>
/// <param name="GroupId">Target group, or empty for a private message.</param>
/// <param name="RecipientId">Target user for a private message (chat id or account number).</param>
/// <param name="Text">Rendered text.</param>
/// <param name="Kind">What it is: reply, notice kind, work-order update...</param>
/// <param name="ReplyTo">The inbound message id this answers, if any.</param>
/// <param name="Critical">Critical messages ignore quiet hours and opt-outs.</param>
/// <param name="CreatedAt">When it was produced.</param>
/// <param name="NoticeId">The notice it belongs to, for delivery reports.</param>
/// <param name="ReplyAddress">Channel-specific reply handle.</param>
/// <param name="NotBefore">Held back until then (quiet hours); null to send at once.</param>
public sealed record OutboundMessage(
    string Id, string Channel, string GroupId, string? RecipientId, string Text, string Kind, string? ReplyTo,
    bool Critical, DateTimeOffset CreatedAt, string? NoticeId = null, string? ReplyAddress = null, DateTimeOffset? NotBefore = null);
