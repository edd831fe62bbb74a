using GridService.Bot.WorkOrders.Calendar;

namespace GridService.Bot.Tests.WorkOrders;

public sealed class WorkingCalendarTests
{
    private static readonly TimeZoneInfo China = GridService.Core.Domain.Zones.Find("Asia/Shanghai");
    private static readonly WorkingCalendar Calendar = WorkingCalendar.From(new WorkingCalendarOptions());

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Fact]
    public void AddWorkingDays_FromFriday_SkipsTheWeekend()
    {
        // Friday 2026-11-20 10:00 + 1 working day: Saturday and Sunday do not count.
        Assert.Equal(At(11, 23, 10), Calendar.AddWorkingDays(At(11, 20, 10), 1, China));
    }

    [Fact]
    public void AddWorkingDays_FromSaturday_StartsCountingOnMonday()
    {
        // Four working days from a Saturday run Monday to Thursday: due at the end of Thursday.
        Assert.Equal(At(11, 27, 0), Calendar.AddWorkingDays(At(11, 21, 15), 4, China));
    }

    [Fact]
    public void Deadline_EndingAtSaturdayMidnight_WrittenAsFridaysEndOfTheDay()
    {
        // Five working days from a Saturday end when Friday ends: 12月12日(周六) 00:00, which people read as the Friday.
        var deadline = Calendar.AddWorkingDays(At(12, 5, 15), 5, China);

        Assert.Equal(At(12, 12, 0), deadline);
        Assert.Equal("12月11日(周五) 24:00", GridService.Bot.WorkOrders.WorkOrderText.Deadline(deadline, "Asia/Shanghai"));
        Assert.Equal("12月10日(周四) 10:00", GridService.Bot.WorkOrders.WorkOrderText.Deadline(At(12, 10, 10), "Asia/Shanghai"));
    }

    [Fact]
    public void AddWorkingDays_BeforeNationalDay_SkipsTheHolidayWeek()
    {
        // Wednesday 2026-09-30 10:00 + 1: October 1-7 are public holidays.
        Assert.Equal(At(10, 8, 10), Calendar.AddWorkingDays(At(9, 30, 10), 1, China));
    }

    [Fact]
    public void AddWorkingDays_OverAnAdjustedSaturday_CountsItAsAWorkingDay()
    {
        // Friday 2026-10-09 + 1: Saturday 10-10 is an adjusted working day (调休上班).
        Assert.Equal(At(10, 10, 10), Calendar.AddWorkingDays(At(10, 9, 10), 1, China));
    }

    [Fact]
    public void AddWorkingDays_ComplaintBeforeMidAutumn_EndsAfterTheHolidayAndCountsTheAdjustedSunday()
    {
        // Complaint on Friday 09-18 10:00, 4 working days: Sunday 09-20 is worked, Mid-Autumn is 09-25..27.
        Assert.Equal(At(9, 23, 10), Calendar.AddWorkingDays(At(9, 18, 10), 4, China));
        // One opened on Tuesday 09-22 10:00 runs into the holiday: the rest of Tue, Wed, Thu, (Fri-Sun off), Mon, Tue 29th 10:00.
        Assert.Equal(At(9, 29, 10), Calendar.AddWorkingDays(At(9, 22, 10), 4, China));
    }

    [Fact]
    public void IsWorkingDay_SpringFestival_IsOffAndTheAdjustedSaturdaysAreOn()
    {
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 2, 17)));
        Assert.False(Calendar.IsWorkingDay(new DateOnly(2026, 2, 23)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 2, 14)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 2, 28)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 2, 24)));
    }

    [Fact]
    public void SubtractWorkingDays_FromMonday_LandsOnFriday()
    {
        Assert.Equal(At(11, 20, 10), Calendar.SubtractWorkingDays(At(11, 23, 10), 1, China));
    }

    [Fact]
    public void SubtractWorkingDays_AfterNationalDay_LandsBeforeTheHoliday()
    {
        Assert.Equal(At(9, 30, 10), Calendar.SubtractWorkingDays(At(10, 8, 10), 1, China));
    }

    [Fact]
    public void From_ConfiguredDays_AddToTheDefaultsAndAWorkdayOverridesAHoliday()
    {
        var calendar = WorkingCalendar.From(new WorkingCalendarOptions { Holidays = ["2026-11-24"], Workdays = ["2026-10-02"] });

        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 11, 24)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 2)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));
    }

    [Fact]
    public void From_WithoutChinaDefaults_CountsWeekendsOnly()
    {
        var calendar = WorkingCalendar.From(new WorkingCalendarOptions { IncludeChinaPublicHolidays = false });

        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));
    }
}
