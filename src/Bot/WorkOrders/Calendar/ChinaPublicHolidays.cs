namespace GridService.Bot.WorkOrders.Calendar;

/// <summary>
/// Public holidays and adjusted working days from the State Council's notices (国务院办公厅关于部分节假日安排的通知).
/// 2026: notice of 2025-11-04. A year not listed here counts weekends only: add it under
/// <c>WorkingCalendar:Holidays</c> / <c>Workdays</c> until the next notice is shipped.
/// </summary>
public static class ChinaPublicHolidays
{
    /// <summary>Days off, including the weekend days inside each holiday block.</summary>
    public static IReadOnlyList<DateOnly> Holidays { get; } =
    [
        .. Range(2026, 1, 1, 3),    // 元旦 1/1-1/3
        .. Range(2026, 2, 15, 9),   // 春节 2/15-2/23
        .. Range(2026, 4, 4, 3),    // 清明节 4/4-4/6
        .. Range(2026, 5, 1, 5),    // 劳动节 5/1-5/5
        .. Range(2026, 6, 19, 3),   // 端午节 6/19-6/21
        .. Range(2026, 9, 25, 3),   // 中秋节 9/25-9/27
        .. Range(2026, 10, 1, 7),   // 国庆节 10/1-10/7
    ];

    /// <summary>Weekend days that are working days (调休上班).</summary>
    public static IReadOnlyList<DateOnly> Workdays { get; } =
    [
        new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10),
    ];

    private static IEnumerable<DateOnly> Range(int year, int month, int day, int days) =>
        Enumerable.Range(0, days).Select(i => new DateOnly(year, month, day).AddDays(i));
}
