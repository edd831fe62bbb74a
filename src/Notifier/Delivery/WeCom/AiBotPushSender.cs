using System.Text.RegularExpressions;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom;

/// <summary>
/// The Notifier's side of an AI bot on a long connection. The connection lives in one Bot process (the lease holder),
/// so a reply or a push is handed to it through Redis (<see cref="AiBotPushes"/>, a reliable queue per bot) and the
/// sender waits for the holder's acknowledgement: WeCom acknowledged the frame (delivered), or refused it for good
/// (dead-lettered with WeCom's answer). While no result has come the message waits in the outbound queue without
/// using attempts; the push itself stays queued for the bot, so a holder that dies or reconnects loses nothing. A push
/// no holder took within <see cref="MaxWait"/> is dead-lettered (the holder drops it too, unsent).
/// </summary>
public sealed partial class AiBotPushSender(AiBotPushes pushes, IOptions<DeliveryOptions> delivery, TimeProvider time, ILogger<AiBotPushSender> logger)
{
    /// <summary>How long a push may wait for a holder before it is given up (the holder drops older ones unsent).</summary>
    public static readonly TimeSpan MaxWait = AiBotPushes.MaxAge;

    /// <summary>Replies on a long connection: to the message's req_id, or pushed to its chat once that window passed.</summary>
    public Task SendReplyAsync(OutboundMessage message, LongConnectionAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(address);
        return SendAsync(new AiBotPush(message.Id, address.Bot, address.ChatId, address.IsGroup, message.Text, message.Kind, address.ReqId,
            address.ReceivedAt, message.CreatedAt, RatingOrder(message)), cancellationToken);
    }

    /// <summary>A proactive push (<c>aibot_send_msg</c>) to a group's chat or to a member's userid.</summary>
    public Task PushAsync(OutboundMessage message, string bot, string chatId, bool isGroup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SendAsync(new AiBotPush(message.Id, bot, chatId, isGroup, message.Text, message.Kind, null, null, message.CreatedAt,
            RatingOrder(message)), cancellationToken);
    }

    private async Task SendAsync(AiBotPush push, CancellationToken cancellationToken)
    {
        var result = await pushes.ResultAsync(push.Id);
        if (result is null)
        {
            if (await pushes.EnqueueAsync(push)) Log.Handed(logger, push.Id, push.Bot);
            var wait = delivery.Value.AttemptTimeout < TimeSpan.FromSeconds(5) ? delivery.Value.AttemptTimeout : TimeSpan.FromSeconds(5);
            result = await pushes.WaitAsync(push.Id, wait, cancellationToken);
        }

        if (result is null)
        {
            if (time.GetUtcNow() - push.CreatedAt > MaxWait + TimeSpan.FromMinutes(1))
            {
                throw new PermanentFailureException(
                    $"No Bot process held the long connection of AI bot {push.Bot} within {MaxWait}; the message was not sent. Check that a Bot runs with WeCom:AiBots:{push.Bot}:Mode long-connection and is connected.");
            }

            throw new DeferDeliveryException(TimeSpan.FromSeconds(1), $"handed to the Bot holding AI bot {push.Bot}'s long connection; waiting for WeCom's acknowledgement");
        }

        if (!result.Delivered) throw new PermanentFailureException($"AI bot {push.Bot}: {result.Detail}");
    }

    // A resolved order's post in an internal group ends with a 满意/不满意 card for its askers.
    private static string? RatingOrder(OutboundMessage message) =>
        message.Kind == "workorder-resolved" && OrderNumber().Match(message.Id) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"GD\d{8}-\d{4,6}")]
    private static partial Regex OrderNumber();

    private static partial class Log
    {
        [LoggerMessage(EventIds.WeCom + 52, LogLevel.Debug, "Message {MessageId} handed to the holder of AI bot {Bot}'s long connection")]
        public static partial void Handed(ILogger logger, string messageId, string bot);
    }
}
