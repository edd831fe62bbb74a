using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GridService.Core.Grid;
using GridService.Core.Templates;
using GridService.Notifier.Billing;
using GridService.Notifier.Delivery;
using GridService.Notifier.Delivery.WeCom;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Managers;

/// <summary>
/// Immediate private alerts to the people who must act: the area manager for a held disconnection notice, a paid
/// customer waiting to be reconnected (and one still not reconnected at the end of that day), and a critical notice
/// that fails to go out; the operators (else the supervisor) when a critical notice is dead-lettered. Alerts go on
/// the staff channel (<see cref="PrivateRoutes.ToStaff"/>) with ids derived from what they are about, so a repeated
/// run or a retried message raises each alert once.
/// </summary>
public sealed partial class ManagerAlerts(
    GridDirectory directory, Outbox outbox, PrivateRoutes routes, IOptions<AlertOptions> options, TimeProvider time, ILogger<ManagerAlerts> logger)
    : IDeliveryAlerts
{
    /// <summary>Message kind of the alerts.</summary>
    public const string Kind = "manager-alert";

    private const int MaxListed = 20;

    /// <summary>True for messages that are themselves alerts or digests: their failures raise no further alert.</summary>
    public static bool IsAlert(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Kind is Kind or ManagerDigest.Kind or RobotAlerts.Kind;
    }

    /// <summary>Tells each area's manager which disconnection notices wait for their decision.</summary>
    public async Task HeldAsync(IReadOnlyList<HeldNotice> holds)
    {
        ArgumentNullException.ThrowIfNull(holds);
        foreach (var area in holds.GroupBy(h => h.AreaId, StringComparer.Ordinal))
        {
            var list = area.OrderBy(h => h.AccountNo, StringComparer.Ordinal).ToList();
            var customers = await directory.GetCustomersAsync([.. list.Select(h => h.AccountNo)]);
            var text = new StringBuilder($"【待您决定】{list.Count}户的欠费停电通知已暂缓发送，未经您决定不会发出：");
            foreach (var (hold, i) in list.Select((h, i) => (h, i)).Take(MaxListed))
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"\n· {customers[i]?.Name ?? "（户名未知）"}（户号{hold.AccountNo}）{TemplateFunctions.FormatPeriod(hold.Period)}欠费{hold.Outstanding:0.00}元，{Why(hold.Why)}");
            }

            if (list.Count > MaxListed) text.Append(CultureInfo.InvariantCulture, $"\n……另有{list.Count - MaxListed}户，见每日简报。");
            text.Append("\n请了解情况后决定发出或撤回（运营后台“暂缓的停电通知”）。");
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', list.Select(h => h.Key)))))[..16];
            await ToManagerAsync(area.Key, $"alert-held-{area.Key}-{key}", text.ToString());
        }
    }

    /// <summary>A disconnected customer paid in full: the manager reconnects them today.</summary>
    public async Task PaidWhileCutAsync(SupplyCut cut, Customer? customer, DateTimeOffset paidAt)
    {
        ArgumentNullException.ThrowIfNull(cut);
        var zone = (await directory.GetAreaAsync(cut.AreaId))?.TimeZone;
        var text = $"【请今日复电】{Who(cut, customer)}已于{Local(paidAt, zone)}缴清欠费。请今天恢复供电，复电后在运营后台登记“已复电”，系统会通知客户；今天确实来不及的，请向客户说明原因。";
        await ToManagerAsync(cut.AreaId, $"alert-paid-{cut.AccountNo}-{cut.Period}", text);
    }

    /// <summary>A customer who paid is still not reconnected at the end of that day: the manager and the supervisor are told.</summary>
    public async Task NotRestoredAsync(SupplyCut cut, Customer? customer)
    {
        ArgumentNullException.ThrowIfNull(cut);
        var area = await directory.GetAreaAsync(cut.AreaId);
        var text = $"【复电超时】{Who(cut, customer)}已于{Local(cut.PaidAt ?? cut.DisconnectedAt, area?.TimeZone)}缴清欠费，到当天结束仍未登记恢复供电。" +
                   "请尽快复电并向客户说明原因；已复电的请在运营后台登记。";
        Log.NotRestored(logger, Masking.MaskAccount(cut.AccountNo), cut.Period);
        foreach (var staff in new[] { area?.ManagerId, area?.SupervisorId }.OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))
        {
            await SendAsync(staff, $"alert-not-restored-{cut.AccountNo}-{cut.Period}-{staff}", text);
        }
    }

    /// <summary>A critical notice failed an attempt: its area's manager hears at once, while it keeps being retried.</summary>
    public async Task CriticalFailingAsync(OutboundMessage message, string reason, DateTimeOffset retryUntil)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsAlert(message)) return;
        var areas = await AreasOfAsync(message);
        Log.CriticalFailing(logger, message.Id, message.Channel, reason);
        foreach (var area in areas)
        {
            var text = $"【通知发送失败】{What(message)}发往{await TargetAsync(message)}失败：{Masking.MaskText(reason)}。" +
                       $"系统会继续重试到{Local(retryUntil, area.TimeZone)}；如果是群机器人或网关出了问题，请尽快处理，必要时请先手动转发这条通知。";
            await SendAsync(area.ManagerId, $"alert-failing-{message.Id}-{area.ManagerId}", text);
        }
    }

    /// <summary>A critical notice was dead-lettered: the operators (else the supervisor) and the manager hear.</summary>
    public async Task CriticalDeadAsync(OutboundMessage message, string reason)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsAlert(message)) return;
        Log.CriticalDead(logger, message.Id, message.Channel, reason);
        var areas = await AreasOfAsync(message);
        var text = $"【通知未送达】{What(message)}发往{await TargetAsync(message)}，多次重试后仍未送达，已转入死信：{Masking.MaskText(reason)}。" +
                   "请排除故障后执行 deliveries redrive 重新投递，并请片区经理先在群里手动转发。";
        var people = options.Value.Operators.Count > 0 ? options.Value.Operators : [.. areas.Select(a => a.SupervisorId)];
        foreach (var staff in people.Concat(areas.Select(a => a.ManagerId)).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))
        {
            await SendAsync(staff, $"alert-dead-{message.Id}-{staff}", text);
        }
    }

    private async Task ToManagerAsync(string areaId, string id, string text)
    {
        if (await directory.GetAreaAsync(areaId) is not { } area)
        {
            Log.NoArea(logger, areaId);
            return;
        }

        await SendAsync(area.ManagerId, $"{id}-{area.ManagerId}", text);
    }

    private Task<bool> SendAsync(string staffId, string id, string text) =>
        outbox.EnqueueAsync(new OutboundMessage(id, routes.ToStaff(), "", staffId, text, Kind, null, Critical: true, time.GetUtcNow()));

    // The areas a message concerns: its group's, its notice's, or its customer's.
    private async Task<IReadOnlyList<Area>> AreasOfAsync(OutboundMessage message)
    {
        var ids = new List<string>();
        if (message.GroupId.Length > 0 && await directory.GetGroupAsync(message.GroupId) is { } group) ids.Add(group.AreaId);
        if (message.NoticeId is { } noticeId && await directory.GetNoticeAsync(noticeId) is { } notice) ids.AddRange(notice.AreaIds);
        if (ids.Count == 0 && message.RecipientId is { } recipient
            && (await directory.GetCustomerAsync(recipient) ?? await directory.CustomerByChatUserAsync(recipient)) is { } customer)
        {
            ids.Add(customer.AreaId);
        }

        var areas = new List<Area>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            if (await directory.GetAreaAsync(id) is { } area) areas.Add(area);
        }

        if (areas.Count == 0) Log.NoArea(logger, message.Id);
        return areas;
    }

    private async Task<string> TargetAsync(OutboundMessage message) =>
        message.GroupId.Length > 0 ? (await directory.GetGroupAsync(message.GroupId))?.Name ?? message.GroupId
            : "客户" + Masking.MaskText(message.RecipientId ?? "");

    private static string What(OutboundMessage message) => message.Kind switch
    {
        "planned-outage" => "计划停电通知",
        "planned-outage-reminder" => "明日停电提醒",
        "temporary-maintenance" => "临时检修停电通知",
        "fault-outage" => "故障停电通知",
        "restoration" => "恢复供电通知",
        "outage-amended" => "停电安排调整通知",
        "outage-cancelled" => "停电取消通知",
        "safety" => "安全提示",
        _ => $"重要消息（{message.Kind}）",
    };

    private static string Who(SupplyCut cut, Customer? customer) =>
        $"{customer?.Name ?? "客户"}（户号{cut.AccountNo}{(customer is null ? "" : "，" + customer.Address)}）";

    private static string Why(string why) => why
        .Replace(", ", "，", StringComparison.Ordinal)
        .Replace("segment important", "重要客户", StringComparison.Ordinal)
        .Replace("segment vip", "VIP客户", StringComparison.Ordinal)
        .Replace("segment resident", "居民", StringComparison.Ordinal)
        .Replace("first notice", "首次停电通知", StringComparison.Ordinal)
        .Replace("credit ", "信用等级", StringComparison.Ordinal);

    private static string Local(DateTimeOffset at, string? timeZone) => TemplateFunctions.FormatTime(Zones.Local(at, timeZone));

    private static partial class Log
    {
        [LoggerMessage(EventIds.Managers, LogLevel.Warning, "Critical message {MessageId} via {Channel} failed an attempt and is retried; the area manager is told: {Reason}")]
        public static partial void CriticalFailing(ILogger logger, string messageId, string channel, string reason);

        [LoggerMessage(EventIds.Managers + 1, LogLevel.Critical, "Critical message {MessageId} via {Channel} was dead-lettered; the operators and the area manager are told: {Reason}")]
        public static partial void CriticalDead(ILogger logger, string messageId, string channel, string reason);

        [LoggerMessage(EventIds.Managers + 2, LogLevel.Warning, "Account {Account} paid {Period} after being disconnected and was not restored by the end of that day; the manager is told")]
        public static partial void NotRestored(ILogger logger, string account, string period);

        [LoggerMessage(EventIds.Managers + 3, LogLevel.Warning, "No area (and so no manager) found for {What}: alert not sent")]
        public static partial void NoArea(ILogger logger, string what);
    }
}
