using System.Text;
using System.Text.RegularExpressions;
using GridService.Bot.Commands;
using GridService.Core.Templates;

namespace GridService.Bot.Pipeline;

/// <summary>
/// Private messages (a WeCom app, or an AI bot's single chat). Staff run manager commands for the groups they look
/// after (as a group's manager, or as its area's manager or supervisor); with several groups they put the area or group
/// id first (<c>A01 关闭机器人</c>). Bound customers get answers for their own area. Replies go back privately on the
/// channel the message came from.
/// </summary>
public sealed partial class MessagePipeline
{
    /// <summary>The answer to someone the bot cannot place: neither staff nor a bound customer.</summary>
    public const string StrangerReply = "您好，我暂时查不到您的用电户信息。请在您所在小区的用电服务群里@我提问，或联系片区经理绑定户号。";

    /// <summary>The answer to staff who look after no group.</summary>
    public const string NoGroupsReply = "您还没有负责的服务群，私聊里的管理命令无处可用。请联系管理员把您设为群的片区经理。";

    private static readonly char[] Separators = [' ', '\u3000', '\t', '\n'];

    private async Task HandlePrivateAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        // Photos (a WeCom image in private chat) go onto the sender's work order; words beside them are answered as usual.
        if (message.Attachments is not null && await photos.ReceiveAsync(message) is { } said)
        {
            await ReplyPrivatelyAsync(message, said, "photo");
            return;
        }

        if (string.IsNullOrWhiteSpace(message.Text)) return;

        if (await directory.GetStaffAsync(message.SenderId) is { } staff)
        {
            await HandleStaffAsync(message, staff, cancellationToken);
            return;
        }

        var customer = await directory.CustomerByChatUserAsync(message.SenderId);
        var group = customer is null ? null
            : customer.GroupId is { } id ? await directory.GetGroupAsync(id)
            : await directory.GroupsOfAreaAsync(customer.AreaId) is [var first, ..] ? first : null;
        if (group is null || await directory.GetAreaAsync(group.AreaId) is not { } area)
        {
            await ReplyPrivatelyAsync(message, StrangerReply, "private-reply");
            return;
        }

        var text = message.Text.Trim();
        var zone = Zones.Find(area.TimeZone);

        // 收到 in answer to a disconnection notice is the customer's receipt of it (seed 004: the notice is signed for).
        if (Receipt().IsMatch(text) && await receipts.ConfirmAsync(customer!.AccountNo, "customer") is { } receipt)
        {
            var manager = await directory.GetStaffAsync(area.ManagerId);
            await ReplyPrivatelyAsync(message,
                $"好的，已记录您收到了{TemplateFunctions.FormatPeriod(receipt.Period)}电费的欠费停电通知。" +
                $"在{TemplateFunctions.FormatTime(Zones.Local(receipt.DisconnectAt, zone))}前缴清欠费就不会停电；" +
                $"有困难请联系片区经理{manager?.Name}{(manager is null ? "" : "：" + manager.Phone)}。", "receipt");
            return;
        }

        if (CommandParser.TryParse(text, Today(zone), zone) is { } command)
        {
            await ReplyPrivatelyAsync(message, await commands.RunAsync(command, new CommandContext(message, SenderRole.Customer, null, group, area)), "command");
            return;
        }

        var reply = await brain.AnswerAsync(message, text, group, area, cancellationToken);
        if (reply is not null) await ReplyPrivatelyAsync(message, reply.Text, reply.Kind, reply.IdSuffix);
    }

    private async Task HandleStaffAsync(InboundMessage message, Staff staff, CancellationToken cancellationToken)
    {
        var areas = (await directory.ListAreasAsync()).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var mine = (await directory.ListGroupsAsync()).Where(g => g.ManagerIds.Contains(staff.Id, StringComparer.Ordinal)
            || (areas.TryGetValue(g.AreaId, out var a) && (a.ManagerId == staff.Id || a.SupervisorId == staff.Id))).ToList();
        var (targets, text) = NarrowByPrefix(message.Text.Trim(), mine);
        var area = targets.Count > 0 ? areas.GetValueOrDefault(targets[0].AreaId) : null;
        var zone = Zones.Find(area?.TimeZone);

        if (CommandParser.TryParse(text, Today(zone), zone) is not { } command)
        {
            // A manager of a customer group, where the bot cannot post, forwards residents' questions: the answer to paste.
            if (targets.Count == 1 && area is not null && targets[0].Channel == ChannelNames.WeComCustomerGroup)
            {
                await ReplyPrivatelyAsync(message, await copilot.AnswerAsync(message, text, staff, targets[0], area, cancellationToken), "copilot");
                return;
            }

            if (targets.Count == 1 && area is not null)
            {
                var reply = await brain.AnswerAsync(message, text, targets[0], area, cancellationToken);
                if (reply is not null) await ReplyPrivatelyAsync(message, reply.Text, reply.Kind, reply.IdSuffix);
                return;
            }

            await ReplyPrivatelyAsync(message, "您好，发送“帮助”查看管理命令。" + (targets.Count > 1 ? ChooseHint(targets, areas) : ""), "private-reply");
            return;
        }

        if (targets.Count == 0 || area is null)
        {
            await ReplyPrivatelyAsync(message, NoGroupsReply, "command");
            return;
        }

        if (targets.Count > 1 && command is not ManagerCommand.Help)
        {
            await ReplyPrivatelyAsync(message, "您负责多个服务群，这条命令要发到哪个群？" + ChooseHint(targets, areas), "command");
            return;
        }

        var role = SenderRoles.Resolve(staff.Id, targets[0], area, staff);
        var answer = await commands.RunAsync(command, new CommandContext(message, role, staff, targets[0], area));
        await ReplyPrivatelyAsync(message, targets.Count > 1 ? answer + ChooseHint(targets, areas) : answer, "command");
    }

    // "A01 关闭机器人" or "grp-liulin 关闭机器人": a leading area or group id picks among the sender's groups.
    private static (List<ChatGroup> Targets, string Text) NarrowByPrefix(string text, List<ChatGroup> groups)
    {
        var parts = text.Split(Separators, 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return (groups, text);
        var picked = groups.Where(g => g.Id.Equals(parts[0], StringComparison.OrdinalIgnoreCase)
            || g.AreaId.Equals(parts[0], StringComparison.OrdinalIgnoreCase)).ToList();
        return picked.Count > 0 ? (picked, parts[1]) : (groups, text);
    }

    private static string ChooseHint(List<ChatGroup> groups, Dictionary<string, Area> areas)
    {
        var hint = new StringBuilder($"\n您负责多个服务群，请在命令前加片区编号或群号，例如“{groups[0].AreaId} 关闭机器人”：");
        foreach (var g in groups)
        {
            hint.Append('\n').Append(g.AreaId).Append(' ').Append(areas.GetValueOrDefault(g.AreaId)?.Name ?? "").Append(" · ")
                .Append(g.Name).Append('（').Append(g.Id).Append('）');
        }

        return hint.ToString();
    }

    [GeneratedRegex(@"^(好的?[，,、 ]*)?(我|我已|已|已经)?收到(了|啦|啦了)?([，,、 ]*(谢谢|好的))?[。.!！~～]*$")]
    private static partial Regex Receipt();

    private DateOnly Today(TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    // The suffix tells a second reply to one message from the first (a hazard's safety advice, then its order number).
    private async Task ReplyPrivatelyAsync(InboundMessage message, string text, string kind, string suffix = "")
    {
        var channel = routes.ToStaff(message);
        var reply = new OutboundMessage(BotMessageIds.ReplyTo(message) + suffix, channel, "", message.SenderId, text, kind,
            message.MessageId, Critical: kind == "safety", time.GetUtcNow(), ReplyAddress: message.ReplyAddress);
        await outbox.EnqueueAsync(reply);
        Log.RepliedPrivately(logger, message.MessageId, message.Channel, kind);
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Pipeline + 12, LogLevel.Information, "Replied privately to {MessageId} via {Channel} ({Kind})")]
        public static partial void RepliedPrivately(ILogger logger, string messageId, string channel, string kind);
    }
}
