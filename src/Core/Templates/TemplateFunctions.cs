using System.Globalization;
using Scriban.Runtime;

namespace GridService.Core.Templates;

/// <summary>
/// The functions templates call besides Scriban's builtins. Times arrive already in the area's zone
/// (<see cref="ModelShape"/> converts them), so formatting never looks at the machine's zone or culture.
/// </summary>
public static class TemplateFunctions
{
    private static readonly string[] WeekDays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    /// <summary>The names templates use, for the start-up check.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "mask_phone", "mask_account", "mask_name", "mask_names", "mask_text",
        "format_time", "format_deadline", "format_date", "format_clock", "format_range", "format_money", "format_period",
    ];

    /// <summary><c>11月25日(周二) 08:00</c>; empty for null.</summary>
    public static string FormatTime(object? value) => value is null ? string.Empty : $"{FormatDate(value)} {FormatClock(value)}";

    /// <summary>
    /// A deadline as people mean it: one that falls at midnight is the end of the day before, so
    /// <c>12月12日(周六) 00:00</c> (the end of Friday, when working days are counted whole) reads
    /// <c>12月11日(周五) 24:00</c>; any other time as <see cref="FormatTime"/>. Empty for null.
    /// </summary>
    public static string FormatDeadline(object? value) => value switch
    {
        DateTimeOffset t when t.TimeOfDay == TimeSpan.Zero => $"{FormatDate(t.AddDays(-1))} 24:00",
        DateTime t when t.TimeOfDay == TimeSpan.Zero => $"{FormatDate(t.AddDays(-1))} 24:00",
        _ => FormatTime(value),
    };

    /// <summary>Names joined with 、, each masked as <see cref="Masking.MaskName"/>: <c>张*、李*、王*</c>.</summary>
    public static string MaskNames(object? value) => value switch
    {
        null => string.Empty,
        string one => Masking.MaskName(one),
        System.Collections.IEnumerable many => string.Join("、", many.Cast<object?>().Select(n => Masking.MaskName(Text(n))).Where(n => n.Length > 0)),
        _ => Masking.MaskName(Text(value)),
    };

    /// <summary><c>11月25日(周二)</c>; empty for null.</summary>
    public static string FormatDate(object? value) => value switch
    {
        null => string.Empty,
        DateTimeOffset t => Date(t.Month, t.Day, t.DayOfWeek),
        DateTime t => Date(t.Month, t.Day, t.DayOfWeek),
        DateOnly d => Date(d.Month, d.Day, d.DayOfWeek),
        _ => throw Unsupported(value, "format_date"),
    };

    /// <summary><c>2026年12月5日(周六)</c>: a date a reader cannot mistake for another year's.</summary>
    public static string FormatFullDate(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{Date(date.Month, date.Day, date.DayOfWeek)}");

    /// <summary><c>08:00</c>; empty for null.</summary>
    public static string FormatClock(object? value) => value switch
    {
        null => string.Empty,
        DateTimeOffset t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
        _ => throw Unsupported(value, "format_clock"),
    };

    /// <summary><c>11月25日(周二) 08:00至17:00</c>, or both full times when the range crosses midnight.</summary>
    public static string FormatRange(object? start, object? end)
    {
        if (start is DateTimeOffset s && end is DateTimeOffset e && s.Date == e.Date)
        {
            return $"{FormatTime(s)}至{FormatClock(e)}";
        }

        return end is null ? FormatTime(start) : $"{FormatTime(start)}至{FormatTime(end)}";
    }

    /// <summary>Two decimals, no currency sign: <c>128.50</c>; empty for null.</summary>
    public static string FormatMoney(object? value) => value switch
    {
        null => string.Empty,
        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
        IConvertible c => c.ToDecimal(CultureInfo.InvariantCulture).ToString("0.00", CultureInfo.InvariantCulture),
        _ => throw Unsupported(value, "format_money"),
    };

    /// <summary><c>2025-10</c> → <c>2025年10月</c>; anything else unchanged.</summary>
    public static string FormatPeriod(string? period) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? string.Create(CultureInfo.InvariantCulture, $"{d.Year}年{d.Month}月")
            : period ?? string.Empty;

    /// <summary>Adds the functions to a context's builtins.</summary>
    internal static void AddTo(ScriptObject builtins)
    {
        Add(builtins, "mask_phone", v => Masking.MaskPhone(Text(v)));
        Add(builtins, "mask_account", v => Masking.MaskAccount(Text(v)));
        Add(builtins, "mask_name", v => Masking.MaskName(Text(v)));
        Add(builtins, "mask_names", MaskNames);
        builtins.SetValue("mask_text", new ScriptFunction2((text, name) => Masking.MaskText(Text(text), Text(name)), required: 1), readOnly: true);
        Add(builtins, "format_time", FormatTime);
        Add(builtins, "format_deadline", FormatDeadline);
        Add(builtins, "format_date", FormatDate);
        Add(builtins, "format_clock", FormatClock);
        Add(builtins, "format_money", FormatMoney);
        Add(builtins, "format_period", v => FormatPeriod(Text(v)));
        builtins.SetValue("format_range", new ScriptFunction2(FormatRange, required: 2), readOnly: true);
    }

    private static void Add(ScriptObject builtins, string name, Func<object?, string> function) =>
        builtins.SetValue(name, new ScriptFunction1(function), readOnly: true);

    private static string? Text(object? value) => value as string ?? System.Convert.ToString(value, CultureInfo.InvariantCulture);

    private static string Date(int month, int day, DayOfWeek weekDay) =>
        string.Create(CultureInfo.InvariantCulture, $"{month}月{day}日({WeekDays[(int)weekDay]})");

    private static ArgumentException Unsupported(object value, string function) =>
        new($"{function} cannot format a {value.GetType().Name}.", nameof(value));
}
