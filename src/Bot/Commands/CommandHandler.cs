using System.Globalization;
using System.Text;
using GridService.Bot.Pipeline;
using GridService.Bot.WorkOrders;
using GridService.Core.Chat;
using GridService.Core.Domain;
using GridService.Core.Grid;
using GridService.Core.Notices;

namespace GridService.Bot.Commands;

/// <summary>Runs manager commands. Only the group's bound manager or configured staff may; anyone else gets one polite line.</summary>
public sealed partial class CommandHandler(
    GridDirectory directory, GroupSettings settings, NoticeRequests notices, WorkOrderCommands workOrders, ILogger<CommandHandler> logger)
{
    /// <summary>The line a customer gets for trying a command.</summary>
    public const string Refusal = "抱歉，这条是片区经理的管理命令，您没有权限使用。有问题可以直接@我提问。";

    /// <summary>The line a member of staff gets for a group-only command sent in private.</summary>
    public const string GroupOnly = "这个命令请在要操作的服务群里@我发送。";

    /// <summary>Runs <paramref name="command"/> and returns the line to post back.</summary>
    public async Task<string> RunAsync(ManagerCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var where = context.Group?.Id ?? "private";
        if (context.Role == SenderRole.Customer || context.Sender is null && context.Group is null)
        {
            Log.Refused(logger, context.Message.MessageId, where, command.GetType().Name);
            return Refusal;
        }

        Log.Running(logger, command.GetType().Name, where);
        return (command, context.Group, context.Area) switch
        {
            (ManagerCommand.Invalid invalid, _, _) => invalid.Error,
            (ManagerCommand.Help, _, _) => HelpText(),
            (WorkOrderCommand wo, _, _) => await workOrders.RunAsync(wo, context),
            (ManagerCommand.SwitchBot s, { } group, _) => await SwitchBotAsync(group, s.On),
            (ManagerCommand.PlannedOutage p, _, { } area) => await AnnouncePlannedOutageAsync(p, context.Message, area),
            (ManagerCommand.SwitchBot or ManagerCommand.PlannedOutage, null, _) => GroupOnly,
            _ => "这个命令暂不支持。",
        };
    }

    private static string HelpText()
    {
        var text = new StringBuilder("管理命令（在群里@我或私聊我发送）：");
        foreach (var (_, help) in CommandParser.Verbs) text.Append('\n').Append(help);
        return text.ToString();
    }

    private async Task<string> SwitchBotAsync(ChatGroup group, bool on)
    {
        await settings.SetBotOnAsync(group.Id, on);
        return on ? "已开启本群自动答复。" : "已暂停本群自动答复，管理命令仍可使用。";
    }

    private async Task<string> AnnouncePlannedOutageAsync(ManagerCommand.PlannedOutage p, InboundMessage message, Area area)
    {
        // The id comes from the command message, so a redelivered command creates the same notice, not a second one.
        var id = "N" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            Encoding.UTF8.GetBytes(message.Channel + ":" + message.MessageId)))[..10].ToUpperInvariant();
        var notice = new OutageNotice(id, OutageKind.Planned, [area.Id], p.Scope, p.Start.ToUniversalTime(), p.End.ToUniversalTime(), p.Reason);
        await directory.SaveNoticeAsync(notice);
        await notices.EnqueueAsync(new NoticeRequest(id, NoticeStage.Announce, message.SenderId));
        return string.Create(CultureInfo.InvariantCulture, $"已发布停电通知 {id}，稍后发到本群。");
    }

    private static partial class Log
    {
        [LoggerMessage(500, LogLevel.Warning, "Refused command {Command} from a customer in {GroupId} (message {MessageId})")]
        public static partial void Refused(ILogger logger, string messageId, string groupId, string command);

        [LoggerMessage(501, LogLevel.Information, "Running manager command {Command} in {GroupId}")]
        public static partial void Running(ILogger logger, string command, string groupId);
    }
}
