using GridService.Bot.WorkOrders.Calendar;
using Microsoft.Extensions.Options;

namespace GridService.Bot.WorkOrders.Sla;

/// <summary>What the watchdog found due on an order.</summary>
public enum SlaEventKind { RespondWarn, RespondBreach, Warn, Breach, AutoClose }

/// <summary>One due watchdog action: which order, what, and the deadline it is about (part of its identity).</summary>
public sealed record SlaEvent(string OrderId, SlaEventKind Kind, DateTimeOffset Due)
{
    /// <summary>Idempotency id: the same action on the same deadline is queued and applied once.</summary>
    public string Id => $"{OrderId}:{Kind}:{Due.ToUnixTimeMilliseconds()}";
}

/// <summary>Computes deadlines from the rules and the working calendar, and what is due on an order now.</summary>
public sealed class SlaPolicy(IOptions<WorkOrderOptions> options, WorkingCalendar calendar)
{
    private readonly WorkOrderOptions _options = options.Value;

    /// <summary>The rule of a type in a kind of area.</summary>
    public SlaRule Rule(WorkOrderType type, AreaKind kind) => type switch
    {
        WorkOrderType.Repair => _options.Repair.For(kind),
        WorkOrderType.Complaint => _options.Complaint.For(kind),
        _ => _options.Consult.For(kind),
    };

    /// <summary>First-response and resolution deadlines of an order opened at <paramref name="from"/>.</summary>
    public (DateTimeOffset? RespondBy, DateTimeOffset Deadline) Deadlines(WorkOrderType type, AreaKind kind, string timeZone, DateTimeOffset from)
    {
        var rule = Rule(type, kind);
        var zone = Zones.Find(timeZone);
        DateTimeOffset? respond = rule.RespondWithin > TimeSpan.Zero ? from + rule.RespondWithin : null;
        var deadline = rule.ResolveWorkingDays > 0 ? calendar.AddWorkingDays(from, rule.ResolveWorkingDays, zone) : from + rule.ResolveWithin;
        return (respond, deadline);
    }

    /// <summary>The new deadline when an order's deadline is postponed or missed at <paramref name="now"/>.</summary>
    public DateTimeOffset Extended(WorkOrder order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        var rule = Rule(order.Type, order.AreaKind);
        var from = order.Deadline > now ? order.Deadline : now;
        return rule.ExtendWorkingDays > 0
            ? calendar.AddWorkingDays(from, rule.ExtendWorkingDays, Zones.Find(order.TimeZone))
            : from + rule.ExtendBy;
    }

    /// <summary>When the owner is warned about the resolution deadline.</summary>
    public DateTimeOffset WarnAt(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var rule = Rule(order.Type, order.AreaKind);
        return rule.WarnWorkingDaysBefore > 0
            ? calendar.SubtractWorkingDays(order.Deadline, rule.WarnWorkingDaysBefore, Zones.Find(order.TimeZone))
            : order.Deadline - rule.WarnBefore;
    }

    /// <summary>What is due on <paramref name="order"/> at <paramref name="now"/>; a warning is skipped once its deadline passed.</summary>
    public IEnumerable<SlaEvent> Due(WorkOrder order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status is WorkOrderStatus.Open or WorkOrderStatus.Transferred && order.AcceptedAt is null && order.RespondBy is { } respondBy)
        {
            var rule = Rule(order.Type, order.AreaKind);
            if (now >= respondBy && !order.RespondBreached) yield return new SlaEvent(order.Id, SlaEventKind.RespondBreach, respondBy);
            else if (now < respondBy && now >= respondBy - rule.RespondWarnBefore && !order.RespondWarned)
            {
                yield return new SlaEvent(order.Id, SlaEventKind.RespondWarn, respondBy);
            }
        }

        if (order.IsOpenWork)
        {
            if (now >= order.Deadline && order.BreachedFor != order.Deadline) yield return new SlaEvent(order.Id, SlaEventKind.Breach, order.Deadline);
            else if (now < order.Deadline && now >= WarnAt(order) && order.WarnedFor != order.Deadline)
            {
                yield return new SlaEvent(order.Id, SlaEventKind.Warn, order.Deadline);
            }
        }

        if (order.Status == WorkOrderStatus.Resolved && order.ResolvedAt is { } resolvedAt && now >= resolvedAt + _options.AutoCloseAfter)
        {
            yield return new SlaEvent(order.Id, SlaEventKind.AutoClose, resolvedAt + _options.AutoCloseAfter);
        }
    }

    /// <summary>True while <paramref name="e"/> still applies to the order as it is now (it may have moved on since it was queued).</summary>
    public static bool StillApplies(WorkOrder order, SlaEvent e)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind switch
        {
            SlaEventKind.RespondWarn => order.AcceptedAt is null && order.IsOpenWork && !order.RespondWarned && !order.RespondBreached,
            SlaEventKind.RespondBreach => order.AcceptedAt is null && order.IsOpenWork && !order.RespondBreached,
            SlaEventKind.Warn => order.IsOpenWork && order.Deadline == e.Due && order.WarnedFor != e.Due,
            SlaEventKind.Breach => order.IsOpenWork && order.Deadline == e.Due && order.BreachedFor != e.Due,
            _ => order.Status == WorkOrderStatus.Resolved,
        };
    }
}
