using GridService.Bot.WorkOrders;
using GridService.Bot.WorkOrders.Calendar;

namespace GridService.Bot.Tests.WorkOrders;

public sealed class WorkOrderOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        Assert.True(new WorkOrderOptionsValidator().Validate(null, new WorkOrderOptions()).Succeeded);
    }

    [Fact]
    public void Validate_BothClockAndWorkingDays_NamesBothKeys()
    {
        var options = new WorkOrderOptions();
        options.Complaint.Rural.ResolveWithin = TimeSpan.FromHours(48);

        var result = new WorkOrderOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("WorkOrders:Complaint:Rural:ResolveWithin", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("WorkOrders:Complaint:Rural:ResolveWorkingDays", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WarningLongerThanTheDeadline_IsRefused()
    {
        var options = new WorkOrderOptions();
        options.Repair.Urban.WarnBefore = TimeSpan.FromHours(5);

        var result = new WorkOrderOptionsValidator().Validate(null, options);

        Assert.Contains("WorkOrders:Repair:Urban:WarnBefore", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadHoliday_NamesTheEntry()
    {
        var result = new WorkingCalendarOptionsValidator().Validate(null, new WorkingCalendarOptions { Holidays = ["2026-11-24", "11/25"] });

        Assert.Contains("WorkingCalendar:Holidays:1 '11/25'", result.FailureMessage, StringComparison.Ordinal);
    }
}
