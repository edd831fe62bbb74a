using GridService.Bot.Commands;
using GridService.Bot.Knowledge;
using GridService.Core.Chat;
using GridService.Core.Domain;
using GridService.Core.Grid;

namespace GridService.Bot.Pipeline;

/// <summary>
/// One inbound message, start to finish: resolve the group and the sender, run a manager command, or decide and
/// answer. Replies go to the outbox with ids derived from the message, so processing a message twice (after a crash)
/// never posts twice.
/// </summary>
public sealed partial class MessagePipeline(
    GridDirectory directory,
    GroupSettings settings,
    CommandHandler commands,
    BotBrain brain,
    Outbox outbox,
    TimeProvider time,
    ILogger<MessagePipeline> logger)
{
    /// <summary>Handles one message.</summary>
    public async Task HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
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

        if (!Addressing.IsForBot(message, group)) return;

        var area = await directory.GetAreaAsync(group.AreaId)
            ?? throw new InvalidOperationException($"Group {group.Id} names unknown area {group.AreaId}.");
        var text = Addressing.StripMention(message.Text, group.BotName);
        var zone = TimeZones.Find(area.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        if (CommandParser.TryParse(text, today, zone) is { } command)
        {
            var role = SenderRoles.Resolve(message.SenderId, group, await directory.GetStaffAsync(message.SenderId));
            var answer = await commands.RunAsync(command, role, message, group, area, cancellationToken);
            await ReplyAsync(message, group, answer, "command");
            return;
        }

        if (!await settings.IsBotOnAsync(group.Id)) return;

        var reply = await brain.AnswerAsync(message, text, group, area, cancellationToken);
        if (reply is not null) await ReplyAsync(message, group, reply.Text, reply.Kind);
    }

    private async Task ReplyAsync(InboundMessage message, ChatGroup group, string text, string kind)
    {
        // A message that brought its own reply handle (a WeCom AI bot's response_url) is answered the way it came.
        var channel = message.ReplyAddress is null ? group.Channel : message.Channel;
        var reply = new OutboundMessage(BotMessageIds.ReplyTo(message), channel, group.Id, null, text, kind,
            message.MessageId, Critical: kind == "safety", time.GetUtcNow(), ReplyAddress: message.ReplyAddress);
        await outbox.EnqueueAsync(reply);
        Log.Replied(logger, message.MessageId, group.Id, kind);
    }

    private static partial class Log
    {
        [LoggerMessage(400, LogLevel.Warning, "Message {MessageId} is for unknown group {GroupId}; ignored")]
        public static partial void UnknownGroup(ILogger logger, string messageId, string groupId);

        [LoggerMessage(401, LogLevel.Information, "Replied to {MessageId} in {GroupId} ({Kind})")]
        public static partial void Replied(ILogger logger, string messageId, string groupId, string kind);
    }
}
