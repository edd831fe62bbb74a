using System.Globalization;
using System.Text.RegularExpressions;

namespace GridService.Bot.Commands;

/// <summary>Reads manager commands: a short Chinese verb first, arguments separated by spaces.</summary>
public static partial class CommandParser
{
    /// <summary>The verbs, with the help line each shows.</summary>
    public static readonly IReadOnlyList<(string Verb, string Help)> Verbs =
    [
        ("帮助", "帮助 —— 列出管理命令"),
        ("停电通知", "停电通知 11月28日 08:00-12:00 幸福里1-5号楼 线路检修 —— 私信您预览，回复“确认”后向本片区发布计划停电通知"),
        ("确认", "确认 —— 发布刚才预览的停电通知"),
        ("取消", "取消 —— 放弃刚才预览的停电通知"),
        ("开启机器人", "开启机器人 —— 本群恢复自动答复"),
        ("关闭机器人", "关闭机器人 —— 本群暂停自动答复（命令仍可用）"),
        ("工单", "工单 —— 私信您本片区未办结的工单（群里只回一句）"),
        ("接单", "接单 GD20261123-0042 —— 接手工单（可只写尾号 0042）"),
        ("办结", "办结 0042 已更换表后开关，恢复供电 —— 写上处理结果，自动回复提问人并请其评价"),
        ("进展", "进展 0042 抢修人员已到现场 —— 把进展告诉提问人"),
        ("延期", "延期 0042 配件明天上午到 —— 办不完时告诉提问人原因和新时限"),
        ("转派", "转派 0042 陈晓雨（或 运检部） [说明] —— 转给其他人员或部门"),
        ("撤单", "撤单 0042 重复报修 —— 撤销工单并告诉提问人"),
        ("交班", "交班 [接班人] —— 把您未办结的工单移交给下一位值班经理"),
        ("代报", "代报 [居民称呼] [电话] —— 把刚转发给我的居民问题登记成工单（客户群用），结果私信给您转告"),
    ];

    /// <summary>
    /// Parses <paramref name="text"/> as a command when it starts with a verb; null when it is not a command.
    /// A date without a year is the next such date within the coming months; one that passed recently is refused.
    /// </summary>
    public static ManagerCommand? TryParse(string text, DateOnly today, TimeZoneInfo zone)
    {
        var parts = text.Split([' ', '\u3000', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return null;
        return parts[0] switch
        {
            "帮助" or "命令" or "help" => new ManagerCommand.Help(),
            "开启机器人" => new ManagerCommand.SwitchBot(true),
            "关闭机器人" => new ManagerCommand.SwitchBot(false),
            "停电通知" or "发布停电" => ParseOutage(parts, today, zone),
            "工单" or "工单列表" => new WorkOrderCommand.List(),
            "接单" => parts.Length >= 2 ? new WorkOrderCommand.Accept(parts[1]) : Usage("接单 工单号"),
            "办结" => parts.Length >= 3 ? new WorkOrderCommand.Resolve(parts[1], Rest(parts, 2)) : Usage("办结 工单号 处理结果"),
            "进展" => parts.Length >= 3 ? new WorkOrderCommand.Progress(parts[1], Rest(parts, 2)) : Usage("进展 工单号 进展内容"),
            "延期" => parts.Length >= 3 ? new WorkOrderCommand.Delay(parts[1], Rest(parts, 2)) : Usage("延期 工单号 原因"),
            "撤单" => parts.Length >= 3 ? new WorkOrderCommand.Cancel(parts[1], Rest(parts, 2)) : Usage("撤单 工单号 原因"),
            "转派" => parts.Length >= 3
                ? new WorkOrderCommand.Transfer(parts[1], parts[2], parts.Length > 3 ? Rest(parts, 3) : null)
                : Usage("转派 工单号 人员或部门 [说明]"),
            "交班" => new WorkOrderCommand.Handover(parts.Length >= 2 ? parts[1] : null),
            "代报" => new ManagerCommand.ReportForResident(parts.Length >= 2 ? Rest(parts, 1) : null),
            // Only the bare word: "取消" inside a sentence is a question, not a command.
            "确认" or "确定" when parts.Length == 1 => new ManagerCommand.Confirm(),
            "取消" when parts.Length == 1 => new ManagerCommand.Discard(),
            _ => null,
        };
    }

    private static ManagerCommand.Invalid Usage(string format) => new("缺少内容。格式：" + format);

    private static string Rest(string[] parts, int from) => string.Join(' ', parts[from..]);

    private static ManagerCommand ParseOutage(string[] parts, DateOnly today, TimeZoneInfo zone)
    {
        const string usage = "格式：停电通知 11月28日 08:00-12:00 停电范围 停电原因";
        if (parts.Length < 5) return new ManagerCommand.Invalid("缺少内容。" + usage);
        if (ParseDate(parts[1], today) is not { } date) return new ManagerCommand.Invalid($"看不懂日期“{parts[1]}”。" + usage);
        if (date < today)
        {
            return new ManagerCommand.Invalid(string.Create(CultureInfo.InvariantCulture,
                $"{parts[1]}已经过去了（今天是{today:M月d日}）。请写将来的日期，跨年请写年份，例如 {today.AddDays(2):M月d日} 或 {today.Year + 1}-{today:MM-dd}。"));
        }

        var times = TimeRange().Match(parts[2]);
        if (!times.Success) return new ManagerCommand.Invalid($"看不懂时间“{parts[2]}”。" + usage);
        var start = date.ToDateTime(ParseTime(times.Groups[1].Value));
        var end = date.ToDateTime(ParseTime(times.Groups[2].Value));
        if (end <= start) return new ManagerCommand.Invalid("结束时间要晚于开始时间。" + usage);
        return new ManagerCommand.PlannedOutage(
            ToOffset(start, zone), ToOffset(end, zone), parts[3], string.Join(' ', parts[4..]));
    }

    // A year-less date that passed within the last two months stays this year's (and is refused as past); an
    // earlier one is next year's, at most this many days ahead.
    private const int ComingDays = 365 - 60;

    /// <summary>
    /// Reads 今天/明天/后天, 2026-11-28, 2026/11/28, 11-28, 11/28, 11月28日/号. A year-less date is this year's if it is
    /// today or later or passed within the last two months, else next year's.
    /// </summary>
    public static DateOnly? ParseDate(string text, DateOnly today)
    {
        switch (text)
        {
            case "今天": return today;
            case "明天": return today.AddDays(1);
            case "后天": return today.AddDays(2);
        }

        var m = DatePattern().Match(text);
        if (!m.Success) return null;
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : today.Year;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        var date = new DateOnly(year, month, day);
        if (m.Groups["y"].Success || date >= today) return date;

        // Without a year, a date some months back means next year ("1月5日" typed in December); one that passed
        // recently is a mistake the sender must see ("11月28日" typed on 12月4日), not a notice a year away.
        var next = date.AddYears(1);
        return next.DayNumber - today.DayNumber <= ComingDays ? next : date;
    }

    private static TimeOnly ParseTime(string text)
    {
        var p = text.Replace('：', ':').Split(':');
        var hour = int.Parse(p[0], CultureInfo.InvariantCulture);
        var minute = p.Length > 1 ? int.Parse(p[1], CultureInfo.InvariantCulture) : 0;
        return hour == 24 ? new TimeOnly(23, 59) : new TimeOnly(hour, minute);
    }

    private static DateTimeOffset ToOffset(DateTime local, TimeZoneInfo zone) => new(local, zone.GetUtcOffset(local));

    [GeneratedRegex(@"^(?:(?<y>\d{4})[-/年])?(?<m>\d{1,2})[-/月](?<d>\d{1,2})[日号]?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^((?:[01]?\d|2[0-4])(?:[:：][0-5]\d)?)[-~～至到]((?:[01]?\d|2[0-4])(?:[:：][0-5]\d)?)$")]
    private static partial Regex TimeRange();
}
