using System.Text.RegularExpressions;
using GridService.Bot.Commands;
using GridService.Bot.WorkOrders;
using GridService.Core.Billing;
using GridService.Core.Grid;
using GridService.Core.Security;

namespace GridService.Bot.Pipeline;

/// <summary>
/// One inbound message, start to finish: resolve the group and the sender, record a rating of a resolved work
/// order, run a manager command, or decide and answer. Staff may also send commands in private. Replies go to the
/// outbox with ids derived from the message, so processing a message twice (after a crash) never posts twice.
/// </summary>
public sealed partial class MessagePipeline(
    GridDirectory directory,
    GroupSettings settings,
    CommandHandler commands,
    BotBrain brain,
    WorkOrderService workOrders,
    Outbox outbox,
    PrivateRoutes routes,
    WorkOrders.Attachments.PhotoIntake photos,
    Copilot.ManagerCopilot copilot,
    DisconnectionReceipts receipts,
    TimeProvider time,
    ILogger<MessagePipeline> logger)
{
    /// <summary>Handles one message.</summary>
    public async Task HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);

        // What people typed reaches groups (quoted in replies) and staff: no control characters or bidi overrides.
        message = message with { Text = DisplayText.Clean(message.Text), SenderName = DisplayText.Name(message.SenderName) };
        if (message.IsPrivate)
        {
            await HandlePrivateAsync(message, cancellationToken);
            return;
        }

        if (await directory.GetGroupAsync(message.GroupId) is not { } group)
        {
            Log.UnknownGroup(logger, message.MessageId, message.GroupId);
            return;
        }

        var text = Addressing.StripMention(message.Text, group.BotName);

        // Residents answer the rating prompt without @-mentioning the bot, so this comes before the addressing check.
        if (Rating(text) is { } satisfied
            && await workOrders.RateAsync(group.Id, message.SenderId, satisfied, text, $"rate:{message.Channel}:{message.MessageId}") is { } rated)
        {
            if (await settings.IsBotOnAsync(group.Id)) await ReplyAsync(message, group, RatingReply(rated.Order, rated.Satisfied), "workorder-rating");
            return;
        }

        var addressed = Addressing.IsForBot(message, group);
        var area = await directory.GetAreaAsync(group.AreaId)
            ?? throw new InvalidOperationException($"Group {group.Id} names unknown area {group.AreaId}.");
        var zone = Zones.Find(area.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        if (addressed && CommandParser.TryParse(text, today, zone) is { } command)
        {
            var staff = await directory.GetStaffAsync(message.SenderId);
            var role = SenderRoles.Resolve(message.SenderId, group, area, staff);
            var answer = await commands.RunAsync(command, new CommandContext(message, role, staff, group, area));
            await ReplyAsync(message, group, answer, "command");
            return;
        }

        // Hazards are never dropped: without the @, or with answering switched off, a hazard still gets the safety
        // reply, an urgent order and a page. Staff talking among themselves without the @ are not reporters.
        if (!addressed || !await settings.IsBotOnAsync(group.Id))
        {
            if (!addressed && await directory.GetStaffAsync(message.SenderId) is not null) return;
            if (await brain.HazardOnlyAsync(message, text, group, area) is { } hazard)
            {
                await outbox.EnqueueAsync(GroupReply(message, group, hazard.Text, hazard.Kind, time.GetUtcNow(), hazard.IdSuffix));
                Log.Replied(logger, message.MessageId, group.Id, hazard.Kind);
            }

            return;
        }

        var reply = await brain.AnswerAsync(message, text, group, area, cancellationToken);
        if (reply is not null) await outbox.EnqueueAsync(GroupReply(message, group, reply.Text, reply.Kind, time.GetUtcNow(), reply.IdSuffix));
        if (reply is not null) Log.Replied(logger, message.MessageId, group.Id, reply.Kind);
    }

    /// <summary>The bot's reply in a group to <paramref name="message"/>; <paramref name="suffix"/> tells apart several replies to one message.</summary>
    public static OutboundMessage GroupReply(InboundMessage message, ChatGroup group, string text, string kind, DateTimeOffset now, string suffix = "")
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(group);
        // A message that brought its own reply handle (a WeCom AI bot's response_url) is answered the way it came.
        var channel = message.ReplyAddress is null ? group.Channel : message.Channel;
        return new OutboundMessage(BotMessageIds.ReplyTo(message) + suffix, channel, group.Id, null, text, kind,
            message.MessageId, Critical: kind == "safety", now, ReplyAddress: message.ReplyAddress);
    }

    /// <summary>True for 满意 (and 很满意, 非常满意...), false for 不满意, null for anything else.</summary>
    public static bool? Rating(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (Dissatisfied().IsMatch(t)) return false;
        return Satisfied().IsMatch(t) ? true : null;
    }

    // Every rating gets an answer, also one that arrives after another reporter's 不满意 reopened the order.
    private static string RatingReply(WorkOrder order, bool satisfied) => (satisfied, order.Status) switch
    {
        (true, WorkOrderStatus.Accepted or WorkOrderStatus.Open or WorkOrderStatus.Transferred) =>
            $"感谢您的评价！工单{order.Id}已记录您的“满意”。另有反映人觉得问题还没解决，工单正在重新处理，" +
            $"会在{WorkOrderText.Deadline(order.Deadline, order.TimeZone)}前再答复大家。",
        (true, _) => $"感谢您的评价！工单{order.Id}已记录“满意”。",
        _ => $"抱歉这次没让您满意。已把您的意见转给{order.OwnerName}，工单{order.Id}重新处理，" +
             $"会在{WorkOrderText.Deadline(order.Deadline, order.TimeZone)}前再答复您。",
    };

    private async Task ReplyAsync(InboundMessage message, ChatGroup group, string text, string kind)
    {
        await outbox.EnqueueAsync(GroupReply(message, group, text, kind, time.GetUtcNow()));
        Log.Replied(logger, message.MessageId, group.Id, kind);
    }

    [GeneratedRegex(@"^(不|不太|很不|非常不|太不)满意(?!度)")]
    private static partial Regex Dissatisfied();

    [GeneratedRegex(@"^(很|非常|挺|比较|十分|基本)?满意(?!度)")]
    private static partial Regex Satisfied();

    private static partial class Log
    {
        [LoggerMessage(EventIds.Pipeline, LogLevel.Warning, "Message {MessageId} is for unknown group {GroupId}; ignored")]
        public static partial void UnknownGroup(ILogger logger, string messageId, string groupId);

        [LoggerMessage(EventIds.Pipeline + 1, LogLevel.Information, "Replied to {MessageId} in {GroupId} ({Kind})")]
        public static partial void Replied(ILogger logger, string messageId, string groupId, string kind);
    }
}
