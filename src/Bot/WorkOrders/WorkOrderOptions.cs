using GridService.Bot.WorkOrders.Sla;

namespace GridService.Bot.WorkOrders;

/// <summary>
/// Work-order deadlines and behaviour. Defaults follow the published service commitments (domain-facts.md):
/// repair arrival 45 min / 90 min / 2 h and restoration 3 h / 4 h after arrival (remote areas: the rural 4 h, no
/// figure is published); complaints contact within 24 h and answer within 4 working days; consultations 5 working days.
/// </summary>
public sealed class WorkOrderOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "WorkOrders";

    /// <summary>Fault repairs (24-hour service: clock time).</summary>
    public SlaByAreaKind Repair { get; set; } = new()
    {
        Urban = SlaRule.Clock(TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(45 + 180), TimeSpan.FromMinutes(15), TimeSpan.FromHours(2)),
        Rural = SlaRule.Clock(TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(90 + 240), TimeSpan.FromMinutes(15), TimeSpan.FromHours(2)),
        Remote = SlaRule.Clock(TimeSpan.FromHours(2), TimeSpan.FromHours(2 + 4), TimeSpan.FromMinutes(15), TimeSpan.FromHours(2)),
    };

    /// <summary>Complaints.</summary>
    public SlaByAreaKind Complaint { get; set; } = SlaByAreaKind.Everywhere(() => SlaRule.WorkingDays(4, 1, 1, TimeSpan.FromHours(24)));

    /// <summary>Consultations and other service requests.</summary>
    public SlaByAreaKind Consult { get; set; } = SlaByAreaKind.Everywhere(() => SlaRule.WorkingDays(5, 1, 2));

    /// <summary>Reports of the same outage or hazard in one group within this time (since the last report) join one order.</summary>
    public TimeSpan ClusterWindow { get; set; } = TimeSpan.FromHours(3);

    /// <summary>A resolved order nobody rated is closed after this long.</summary>
    public TimeSpan AutoCloseAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often the SLA watchdog looks at the open orders.</summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Departments orders can be transferred to (转派), with the staff id paged for each; an empty id pages the
    /// area's supervisor.
    /// </summary>
    public Dictionary<string, string> Departments { get; set; } = new(StringComparer.Ordinal)
    {
        ["运检部"] = "",
        ["营销部"] = "",
        ["客服中心"] = "",
    };

    /// <summary>What askers are told when a deadline passes and the owner gave no reason or progress.</summary>
    public string DefaultDelayReason { get; set; } = "工作人员还在处理中，用时比预计的长。";
}
