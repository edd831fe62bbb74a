using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Live;

/// <summary>
/// The day a question names: "12月20日", "20号", "今天/明天/后天/大后天", "周六", "下周一". Normalised text
/// (星期/礼拜 are already 周). Relative to the area's local date; a day of the month already past means next month.
/// </summary>
internal static partial class DateMention
{
    private const string Weekdays = "一二三四五六日";

    public static DateOnly? Find(string t, DateOnly today)
    {
        if (MonthDay().Match(t) is { Success: true } md)
        {
            int month = ChineseNumber.Parse(md.Groups[1].ValueSpan), day = ChineseNumber.Parse(md.Groups[2].ValueSpan);
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(today.Year, month))
            {
                var date = new DateOnly(today.Year, month, day);
                return date < today.AddDays(-60) && day <= DateTime.DaysInMonth(today.Year + 1, month) ? date.AddYears(1) : date;
            }
        }

        if (Relative().Match(t) is { Success: true } rel)
        {
            return today.AddDays(rel.Value switch { "今天" or "今日" => 0, "明天" or "明日" => 1, "后天" => 2, _ => 3 });
        }

        if (Weekday().Match(t) is { Success: true } wd)
        {
            int target = wd.Groups[2].Value == "天" ? 6 : Weekdays.IndexOf(wd.Groups[2].Value[0], StringComparison.Ordinal);
            int current = ((int)today.DayOfWeek + 6) % 7; // Monday = 0
            bool next = wd.Groups[1].Value.StartsWith('下');
            int days = next ? 7 - current + target : (target - current + 7) % 7;
            return today.AddDays(days);
        }

        if (DayOnly().Match(t) is { Success: true } d)
        {
            int day = ChineseNumber.Parse(d.Groups[1].ValueSpan);
            if (day is >= 1 and <= 31)
            {
                var month = day >= today.Day ? today : today.AddMonths(1);
                return day <= DateTime.DaysInMonth(month.Year, month.Month) ? new DateOnly(month.Year, month.Month, day) : null;
            }
        }

        return null;
    }

    [GeneratedRegex("([0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:日|号)?")]
    private static partial Regex MonthDay();

    [GeneratedRegex("大后天|今天|今日|明天|明日|后天")]
    private static partial Regex Relative();

    [GeneratedRegex("(下个?|这个?|本)?周([一二三四五六日天])")]
    private static partial Regex Weekday();

    // "20号" but not "20号楼" or "3号台区": a day, not a building.
    [GeneratedRegex("(?<![0-9一二三四五六七八九十])([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:号|日)(?![楼院栋线台杆箱门铺房])")]
    private static partial Regex DayOnly();
}
