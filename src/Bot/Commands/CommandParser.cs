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
    ];

    /// <summary>
    /// Parses <paramref name="text"/> as a command when it starts with a verb; null when it is not a command.
    /// Dates without a year are the next such date on or after <paramref name="today"/>.
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
            // Only the bare word: "取消" inside a sentence is a question, not a command.
            "确认" or "确定" when parts.Length == 1 => new ManagerCommand.Confirm(),
            "取消" when parts.Length == 1 => new ManagerCommand.Discard(),
            _ => null,
        };
    }

    private static ManagerCommand ParseOutage(string[] parts, DateOnly today, TimeZoneInfo zone)
    {
        const string usage = "格式：停电通知 11月28日 08:00-12:00 停电范围 停电原因";
        if (parts.Length < 5) return new ManagerCommand.Invalid("缺少内容。" + usage);
        if (ParseDate(parts[1], today) is not { } date) return new ManagerCommand.Invalid($"看不懂日期“{parts[1]}”。" + usage);
        var times = TimeRange().Match(parts[2]);
        if (!times.Success) return new ManagerCommand.Invalid($"看不懂时间“{parts[2]}”。" + usage);
        var start = date.ToDateTime(ParseTime(times.Groups[1].Value));
        var end = date.ToDateTime(ParseTime(times.Groups[2].Value));
        if (end <= start) return new ManagerCommand.Invalid("结束时间要晚于开始时间。" + usage);
        return new ManagerCommand.PlannedOutage(
            ToOffset(start, zone), ToOffset(end, zone), parts[3], string.Join(' ', parts[4..]));
    }

    /// <summary>Reads 今天/明天/后天, 2026-11-28, 2026/11/28, 11-28, 11/28, 11月28日/号.</summary>
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
        return !m.Groups["y"].Success && date < today ? date.AddYears(1) : date;
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
