using System.Globalization;

namespace GridService.Bot.WorkOrders.Calendar;

/// <summary>
/// Working-day arithmetic in an area's time zone. A working day contributes 24 hours and a day off none, so
/// "4 working days" from Friday 10:00 ends on Thursday 10:00 and from a Saturday ends at Friday 00:00
/// (the end of Thursday): the clock only runs on working days.
/// </summary>
public sealed class WorkingCalendar
{
    // Ten years of days off in a row means the configuration is wrong, not that the deadline is far away.
    private const int MaxDaysScanned = 3660;

    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workdays;

    /// <summary>A calendar with these days off and these weekend working days.</summary>
    public WorkingCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> workdays)
    {
        _holidays = [.. holidays];
        _workdays = [.. workdays];
    }

    /// <summary>Builds the calendar from validated options.</summary>
    public static WorkingCalendar From(WorkingCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var holidays = options.Holidays.Select(Parse).ToList();
        var workdays = options.Workdays.Select(Parse).ToList();
        if (options.IncludeChinaPublicHolidays)
        {
            holidays.AddRange(ChinaPublicHolidays.Holidays);
            workdays.AddRange(ChinaPublicHolidays.Workdays);
        }

        // A day configured as a working day wins over a default holiday, so a local exception needs one line.
        return new WorkingCalendar(holidays.Except(options.Workdays.Select(Parse)), workdays);
    }

    /// <summary>Reads <c>yyyy-MM-dd</c>.</summary>
    public static DateOnly Parse(string text) => DateOnly.ParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="day"/> is a working day.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        _workdays.Contains(day) || (!_holidays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary><paramref name="days"/> working days after <paramref name="start"/>, counted in <paramref name="zone"/>.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentNullException.ThrowIfNull(zone);
        var cursor = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var remaining = TimeSpan.FromDays(days);
        for (var i = 0; i < MaxDaysScanned; i++)
        {
            var nextMidnight = cursor.Date.AddDays(1);
            if (IsWorkingDay(DateOnly.FromDateTime(cursor)))
            {
                var available = nextMidnight - cursor;
                if (remaining <= available) return ToOffset(cursor + remaining, zone);
                remaining -= available;
            }

            cursor = nextMidnight;
        }

        throw new InvalidOperationException($"No working days within {MaxDaysScanned} days of {start:yyyy-MM-dd}; check the working calendar.");
    }

    /// <summary><paramref name="days"/> working days before <paramref name="end"/>, counted in <paramref name="zone"/>.</summary>
    public DateTimeOffset SubtractWorkingDays(DateTimeOffset end, int days, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentNullException.ThrowIfNull(zone);
        var cursor = TimeZoneInfo.ConvertTime(end, zone).DateTime;
        var remaining = TimeSpan.FromDays(days);
        for (var i = 0; i < MaxDaysScanned; i++)
        {
            // At midnight exactly, the day whose time is running out is the one before.
            var dayStart = cursor.TimeOfDay == TimeSpan.Zero ? cursor.Date.AddDays(-1) : cursor.Date;
            if (IsWorkingDay(DateOnly.FromDateTime(dayStart)))
            {
                var available = cursor - dayStart;
                if (remaining <= available) return ToOffset(cursor - remaining, zone);
                remaining -= available;
            }

            cursor = dayStart;
        }

        throw new InvalidOperationException($"No working days within {MaxDaysScanned} days before {end:yyyy-MM-dd}; check the working calendar.");
    }

    private static DateTimeOffset ToOffset(DateTime local, TimeZoneInfo zone) =>
        new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone.GetUtcOffset(local));
}
