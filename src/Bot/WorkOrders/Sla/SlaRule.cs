
namespace GridService.Bot.WorkOrders.Sla;

/// <summary>
/// Deadlines of one order type in one kind of area. Durations are clock time; <c>...WorkingDays</c> count working
/// days on the <see cref="Calendar.WorkingCalendar"/>. Of each pair exactly one is set (a zero is "not set").
/// </summary>
public sealed class SlaRule
{
    /// <summary>First response (repair: arrival on site; complaint: contact the customer); zero for none.</summary>
    public TimeSpan RespondWithin { get; set; }

    /// <summary>How long before the first-response deadline the owner is warned.</summary>
    public TimeSpan RespondWarnBefore { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Resolution, clock time.</summary>
    public TimeSpan ResolveWithin { get; set; }

    /// <summary>Resolution, working days.</summary>
    public int ResolveWorkingDays { get; set; }

    /// <summary>Warning before the resolution deadline, clock time.</summary>
    public TimeSpan WarnBefore { get; set; }

    /// <summary>Warning before the resolution deadline, working days.</summary>
    public int WarnWorkingDaysBefore { get; set; }

    /// <summary>When a deadline is missed or postponed, the new one is this much later, clock time.</summary>
    public TimeSpan ExtendBy { get; set; }

    /// <summary>When a deadline is missed or postponed, the new one is this many working days later.</summary>
    public int ExtendWorkingDays { get; set; }

    /// <summary>A clock-time rule (repairs).</summary>
    public static SlaRule Clock(TimeSpan respond, TimeSpan resolve, TimeSpan warn, TimeSpan extend) =>
        new() { RespondWithin = respond, ResolveWithin = resolve, WarnBefore = warn, ExtendBy = extend, RespondWarnBefore = warn };

    /// <summary>A working-day rule (complaints, consultations), with an optional clock-time first response.</summary>
    public static SlaRule WorkingDays(int resolve, int warn, int extend, TimeSpan respond = default) =>
        new() { ResolveWorkingDays = resolve, WarnWorkingDaysBefore = warn, ExtendWorkingDays = extend, RespondWithin = respond, RespondWarnBefore = TimeSpan.FromHours(2) };
}

/// <summary>One <see cref="SlaRule"/> per kind of area.</summary>
public sealed class SlaByAreaKind
{
    /// <summary>Urban areas.</summary>
    public SlaRule Urban { get; set; } = new();

    /// <summary>Rural areas.</summary>
    public SlaRule Rural { get; set; } = new();

    /// <summary>Remote areas.</summary>
    public SlaRule Remote { get; set; } = new();

    /// <summary>The rule of <paramref name="kind"/>.</summary>
    public SlaRule For(AreaKind kind) => kind switch
    {
        AreaKind.Urban => Urban,
        AreaKind.Rural => Rural,
        _ => Remote,
    };

    /// <summary>The same rule everywhere (a fresh copy per kind, so binding one does not change the others).</summary>
    public static SlaByAreaKind Everywhere(Func<SlaRule> rule) => new() { Urban = rule(), Rural = rule(), Remote = rule() };
}
