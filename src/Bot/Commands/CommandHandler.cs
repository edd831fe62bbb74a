using System.Globalization;
using System.Text;
using GridService.Core.Grid;
using GridService.Core.Hosting;
using GridService.Core.Notices;
using GridService.Core.Storage;
using GridService.Core.Templates;

namespace GridService.Bot.Commands;

/// <summary>
/// Runs manager commands. Only the group's roster may (its bound managers, its area's manager and supervisor:
/// <see cref="SenderRoles"/>); anyone else, staff of other areas included, gets one polite line. Staff-only output
/// (the order list, which quotes complaints) goes to the sender in private with one short line in the group.
/// An outage notice is not published at once: the manager gets a private preview rendered from the real template
/// and publishes it with 确认 (or drops it with 取消).
/// </summary>
public sealed partial class CommandHandler(
    GridDirectory directory, GroupSettings settings, NoticeRequests notices, WorkOrderCommands workOrders, RedisStore store, Outbox outbox,
    PrivateRoutes routes, TemplateRenderer renderer, Copilot.ManagerCopilot copilot, HostSettings hostSettings, IConfiguration configuration,
    TimeProvider time, ILogger<CommandHandler> logger)
{
    private readonly NoticeDrafts _drafts = new(store);

    /// <summary>The line a customer gets for trying a command.</summary>
    public const string Refusal = "抱歉，这条是片区经理的管理命令，您没有权限使用。有问题可以直接@我提问。";

    /// <summary>The line staff get for commanding a group they do not look after.</summary>
    public const string NotYourGroup = "抱歉，您不是本群的片区经理，不能在这里使用管理命令；请到您负责的服务群或私聊里发送。";

    /// <summary>The line a member of staff gets for a group-only command sent in private.</summary>
    public const string GroupOnly = "这个命令请在要操作的服务群里@我发送。";

    /// <summary>Runs <paramref name="command"/> and returns the line to post back.</summary>
    public async Task<string> RunAsync(ManagerCommand command, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var where = context.Group?.Id ?? "private";
        if (context.Role != SenderRole.Manager || context.Sender is null && context.Group is null)
        {
            // Only the group's roster commands it: a manager of another area is refused like a customer.
            Log.Refused(logger, context.Message.MessageId, where, command.GetType().Name, context.Role);
            return context.Role == SenderRole.Staff ? NotYourGroup : Refusal;
        }

        Log.Running(logger, command.GetType().Name, where);
        var message = context.Message;
        return (command, context.Group, context.Area) switch
        {
            (ManagerCommand.Invalid invalid, _, _) => invalid.Error,
            (ManagerCommand.Help, _, _) => HelpText(),
            (WorkOrderCommand.List list, { }, _) when !message.IsPrivate => await ListPrivatelyAsync(list, context),
            (WorkOrderCommand wo, _, _) => await workOrders.RunAsync(wo, context),
            (ManagerCommand.ReportForResident r, _, _) => await copilot.ReportAsync(context, r.Resident),
            (ManagerCommand.SwitchBot s, { } group, _) => await SwitchBotAsync(group, s.On),
            (ManagerCommand.PlannedOutage p, { } group, { } area) => await PreviewPlannedOutageAsync(p, message, group, area),
            (ManagerCommand.Confirm, { } group, _) => await ConfirmAsync(message, group),
            (ManagerCommand.Discard, { } group, _) => await _drafts.DeleteAsync(group.Id, message.SenderId)
                ? "已取消，这条停电通知不会发布。"
                : "没有待确认的停电通知。",
            (ManagerCommand.SwitchBot or ManagerCommand.PlannedOutage or ManagerCommand.Confirm or ManagerCommand.Discard, _, _) => GroupOnly,
            _ => "这个命令暂不支持。",
        };
    }

    // The list quotes complaints: it goes to the sender in private, the group only learns that it was sent.
    private async Task<string> ListPrivatelyAsync(WorkOrderCommand.List list, CommandContext context)
    {
        var message = context.Message;
        var text = await workOrders.RunAsync(list, context);
        await outbox.EnqueueAsync(new OutboundMessage($"bot-list-{message.Channel}-{message.MessageId}", routes.ToStaff(message), "", message.SenderId,
            text, "workorder-list", message.MessageId, Critical: false, time.GetUtcNow()));
        return "本片区的工单列表已私信发给您。";
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

    private async Task<string> PreviewPlannedOutageAsync(ManagerCommand.PlannedOutage p, InboundMessage message, ChatGroup group, Area area)
    {
        // The id comes from the command message, so a redelivered command makes the same draft, not a second notice;
        // its shape is the notice API's (N + the day in the area's zone + 6 hex digits).
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(message.Channel + ":" + message.MessageId)));
        var id = string.Create(CultureInfo.InvariantCulture, $"N{Zones.LocalNow(time, area.TimeZone):yyyyMMdd}-{hash[..6]}");
        var notice = new OutageNotice(id, OutageKind.Planned, [area.Id], p.Scope, p.Start.ToUniversalTime(), p.End.ToUniversalTime(), p.Reason);
        if (notice.Start <= time.GetUtcNow()) return "停电开始时间已经过了，请检查日期和时间。";
        await _drafts.SaveAsync(group.Id, message.SenderId, notice);
        var day = DateOnly.FromDateTime(Zones.Local(notice.Start, area.TimeZone).DateTime);
        var preview = new StringBuilder("【停电通知预览】停电日期：").Append(TemplateFunctions.FormatFullDate(day))
            .Append("\n以下内容将发到“").Append(group.Name).Append("”：\n\n")
            .Append(await RenderAsync(notice, area))
            .Append("\n\n核对无误请在群里@我回复“确认”发布；要修改请重新发送停电通知命令；回复“取消”放弃。")
            .Append(string.Create(CultureInfo.InvariantCulture, $"（{NoticeDrafts.Lifetime.TotalMinutes:0}分钟内有效）"));
        await outbox.EnqueueAsync(new OutboundMessage($"bot-preview-{message.Channel}-{message.MessageId}", routes.ToStaff(message), "", message.SenderId,
            preview.ToString(), "notice-preview", message.MessageId, Critical: false, time.GetUtcNow()));
        Log.Previewed(logger, id, group.Id);
        return $"{TemplateFunctions.FormatFullDate(day)}的停电通知预览已私信发给您，核对后回复“确认”发布，或“取消”放弃。";
    }

    private async Task<string> ConfirmAsync(InboundMessage message, ChatGroup group)
    {
        if (await _drafts.GetAsync(group.Id, message.SenderId) is not { } notice)
        {
            return $"没有待确认的停电通知（预览{NoticeDrafts.Lifetime.TotalMinutes:0}分钟内有效），请重新发送停电通知命令。";
        }

        if (notice.Start <= time.GetUtcNow())
        {
            await _drafts.DeleteAsync(group.Id, message.SenderId);
            return "这条停电通知的开始时间已经过了，没有发布；请重新发送停电通知命令。";
        }

        // The Notifier publishes it as it would an operator's notice. Queue before dropping the draft: a crash in
        // between lets a repeated 确认 finish the job (the request is queued once per notice id).
        await notices.EnqueueAsync(new NoticeRequest(notice.Id, NoticeStage.Publish, message.SenderId, Draft: notice));
        await _drafts.DeleteAsync(group.Id, message.SenderId);
        Log.Confirmed(logger, notice.Id, group.Id);
        // A planned notice is not critical: at night it waits for the end of the quiet hours (the Notifier's rule).
        var quiet = await NotifierQuietHoursAsync();
        var area = await directory.GetAreaAsync(group.AreaId);
        var zone = Zones.Find(area?.TimeZone);
        var when = quiet.DeferUntil(time.GetUtcNow(), zone) is { } until
            ? string.Create(CultureInfo.InvariantCulture, $"现在是夜间免打扰时段（{quiet}），停电前7天内的会在{Zones.Local(until, zone):HH:mm}发到本群")
            : "停电前7天内的会立即发到本群";
        return string.Create(CultureInfo.InvariantCulture, $"已发布停电通知 {notice.Id}：{when}，更早的按规定在停电前7天发出，前一天再提醒一次。");
    }

    // The quiet hours the Notifier sends by: those it published at its start (HostSettings), where a key it does not set
    // means the default, as it does for itself. A Bot running apart from the Notifier need not set them at all; only
    // before any Notifier has published are this host's own the best guess.
    private async Task<QuietHours> NotifierQuietHoursAsync()
    {
        var text = await hostSettings.ReadAsync() is { } published
            ? published.Values.GetValueOrDefault(QuietHours.Setting) ?? QuietHours.DefaultText
            : configuration[QuietHours.Setting] ?? QuietHours.DefaultText;
        return QuietHours.TryParse(text, out var hours) ? hours : QuietHours.None;
    }

    private async Task<string> RenderAsync(OutageNotice notice, Area area)
    {
        var manager = await directory.GetStaffAsync(area.ManagerId)
            ?? throw new InvalidOperationException($"Area {area.Id} names unknown manager {area.ManagerId}.");
        return renderer.Render("planned-outage", OutageModel.From(notice, area, manager));
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Commands, LogLevel.Warning, "Refused command {Command} from a {Role} not on the roster of {GroupId} (message {MessageId})")]
        public static partial void Refused(ILogger logger, string messageId, string groupId, string command, SenderRole role);

        [LoggerMessage(EventIds.Commands + 1, LogLevel.Information, "Running manager command {Command} in {GroupId}")]
        public static partial void Running(ILogger logger, string command, string groupId);

        [LoggerMessage(EventIds.Commands + 2, LogLevel.Information, "Notice {NoticeId} previewed to its manager in {GroupId}")]
        public static partial void Previewed(ILogger logger, string noticeId, string groupId);

        [LoggerMessage(EventIds.Commands + 3, LogLevel.Information, "Notice {NoticeId} confirmed and published in {GroupId}")]
        public static partial void Confirmed(ILogger logger, string noticeId, string groupId);
    }
}
