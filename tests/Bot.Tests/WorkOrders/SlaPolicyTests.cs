using GridService.Bot.WorkOrders;
using GridService.Bot.WorkOrders.Calendar;
using GridService.Bot.WorkOrders.Sla;
using GridService.Core.Domain;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Tests.WorkOrders;

public sealed class SlaPolicyTests
{
    private static readonly SlaPolicy Policy = new(Options.Create(new WorkOrderOptions()), WorkingCalendar.From(new WorkingCalendarOptions()));

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static WorkOrder Order(WorkOrderType type, AreaKind kind, DateTimeOffset created)
    {
        var (respond, deadline) = Policy.Deadlines(type, kind, "Asia/Shanghai", created);
        return new WorkOrder
        {
            Id = "GD20261123-0001", Type = type, Priority = WorkOrderPriority.Normal, AreaId = "A01", AreaKind = kind,
            TimeZone = "Asia/Shanghai", GroupId = "g", OwnerId = "m", OwnerName = "M", CreatedAt = created, RespondBy = respond,
            Deadline = deadline, Askers = [new Asker("u", "张三", "m1", "停电了", created)], Timeline = [],
        };
    }

    [Theory]
    [InlineData(AreaKind.Urban, 45, 225)]
    [InlineData(AreaKind.Rural, 90, 330)]
    [InlineData(AreaKind.Remote, 120, 360)]
    public void Deadlines_Repair_ArrivalAndRestorationByAreaKind(AreaKind kind, int arriveMinutes, int resolveMinutes)
    {
        var created = At(11, 21, 22); // a Saturday night: repairs run around the clock
        var (respond, deadline) = Policy.Deadlines(WorkOrderType.Repair, kind, "Asia/Shanghai", created);

        Assert.Equal(created.AddMinutes(arriveMinutes), respond);
        Assert.Equal(created.AddMinutes(resolveMinutes), deadline);
    }

    [Fact]
    public void Deadlines_ComplaintOnFriday_Contact24HoursAndAnswerAfterTheWeekend()
    {
        var (respond, deadline) = Policy.Deadlines(WorkOrderType.Complaint, AreaKind.Urban, "Asia/Shanghai", At(11, 20, 16));

        Assert.Equal(At(11, 21, 16), respond);
        Assert.Equal(At(11, 26, 16), deadline);
    }

    [Fact]
    public void Deadlines_ConsultBeforeNewYear_SkipsTheHolidayAndCountsTheAdjustedSunday()
    {
        // Tue 12-29 + 5 working days: Wed 30, Thu 31, (Jan 1-3 off), Sun Jan 4 worked, Mon 5, Tue 6.
        var (_, deadline) = Policy.Deadlines(WorkOrderType.Consult, AreaKind.Rural, "Asia/Shanghai", new DateTimeOffset(2025, 12, 29, 9, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal(new DateTimeOffset(2026, 1, 6, 9, 0, 0, TimeSpan.FromHours(8)), deadline);
    }

    [Fact]
    public void Due_RepairBeforeAndAfterItsDeadline_WarnsFifteenMinutesAheadThenBreaches()
    {
        var order = Order(WorkOrderType.Repair, AreaKind.Urban, At(11, 23, 9)) with { AcceptedAt = At(11, 23, 9, 10), Status = WorkOrderStatus.Accepted };

        Assert.Empty(Policy.Due(order, At(11, 23, 12, 29)));
        Assert.Equal([SlaEventKind.Warn], Policy.Due(order, At(11, 23, 12, 30)).Select(e => e.Kind));
        Assert.Equal([SlaEventKind.Breach], Policy.Due(order with { WarnedFor = order.Deadline }, At(11, 23, 12, 45)).Select(e => e.Kind));
        Assert.Empty(Policy.Due(order with { WarnedFor = order.Deadline, BreachedFor = order.Deadline }, At(11, 23, 13)));
    }

    [Fact]
    public void Due_NotAccepted_WarnsAndBreachesTheArrivalDeadline()
    {
        var order = Order(WorkOrderType.Repair, AreaKind.Urban, At(11, 23, 9));

        Assert.Equal([SlaEventKind.RespondWarn], Policy.Due(order, At(11, 23, 9, 30)).Select(e => e.Kind));
        Assert.Equal([SlaEventKind.RespondBreach], Policy.Due(order, At(11, 23, 9, 45)).Select(e => e.Kind));
    }

    [Fact]
    public void Due_ComplaintWarning_OneWorkingDayBeforeAcrossAWeekend()
    {
        // Opened Thursday 11-19 10:00: due Wednesday 11-25 10:00, warned Tuesday 11-24 10:00.
        var order = Order(WorkOrderType.Complaint, AreaKind.Urban, At(11, 19, 10)) with { AcceptedAt = At(11, 19, 11), Status = WorkOrderStatus.Accepted };

        Assert.Equal(At(11, 25, 10), order.Deadline);
        Assert.Empty(Policy.Due(order, At(11, 24, 9, 59)));
        Assert.Equal([SlaEventKind.Warn], Policy.Due(order, At(11, 24, 10)).Select(e => e.Kind));
    }

    [Fact]
    public void Extended_MissedRepair_TwoHoursFromNow()
    {
        var order = Order(WorkOrderType.Repair, AreaKind.Urban, At(11, 23, 9));

        Assert.Equal(At(11, 23, 15), Policy.Extended(order, At(11, 23, 13)));
    }
}
