namespace GridService.Core.Domain;

/// <summary>How remote an area is; selects repair and work-order deadlines.</summary>
public enum AreaKind { Urban, Rural, Remote }

/// <summary>A grid area (片区): one community or village with its area manager.</summary>
/// <param name="Id">Stable id, e.g. <c>A01</c>.</param>
/// <param name="Name">Display name in zh-CN.</param>
/// <param name="Kind">Urban, rural or remote.</param>
/// <param name="TimeZone">IANA time zone for schedules and quiet hours.</param>
/// <param name="ManagerId">The area manager on duty (a <see cref="Staff"/> id).</param>
/// <param name="SupervisorId">Who SLA breaches escalate to.</param>
public sealed record Area(string Id, string Name, AreaKind Kind, string TimeZone, string ManagerId, string SupervisorId);

/// <summary>
/// What a staff member may do: an area manager, service staff bound to groups, a supervisor of areas, or the county
/// service centre (供电服务中心), which sees every area in the console.
/// </summary>
public enum StaffRole { Manager, Staff, Supervisor, Centre }

/// <summary>A person of the supply company: area manager, service staff or supervisor.</summary>
/// <param name="Id">Chat user id (WeCom userid or bridge sender id).</param>
/// <param name="Name">Display name.</param>
/// <param name="Phone">Work phone, shown to customers for <c>service.contact</c>.</param>
/// <param name="Role">Manager, staff or supervisor.</param>
/// <param name="Hours">Service hours as shown to customers, e.g. <c>工作日 8:30-17:30</c>.</param>
public sealed record Staff(string Id, string Name, string Phone, StaffRole Role, string Hours);

/// <summary>A chat group the bot sits in.</summary>
/// <param name="Id">Group id (WeCom chatid or bridge group id).</param>
/// <param name="AreaId">The area it serves.</param>
/// <param name="Name">Display name.</param>
/// <param name="BotName">The name customers @-mention.</param>
/// <param name="ManagerIds">Staff allowed to run manager commands here.</param>
/// <param name="Channel">Delivery channel for posts to this group (simulator, wecom-robot, bridge).</param>
public sealed record ChatGroup(string Id, string AreaId, string Name, string BotName, IReadOnlyList<string> ManagerIds, string Channel);

/// <summary>Customer segment; VIP and important customers get personal attention.</summary>
public enum Segment { Resident, Vip, Important }

/// <summary>Credit rating (seed 004): non-malicious arrears are handled gently.</summary>
public enum CreditRating { A, B, C }

/// <summary>A household or business account.</summary>
/// <param name="AccountNo">The utility account number (户号), 10 digits.</param>
/// <param name="Name">Account holder's name.</param>
/// <param name="Phone">Mobile number for SMS.</param>
/// <param name="Address">Supply address.</param>
/// <param name="AreaId">Area it belongs to.</param>
/// <param name="GroupId">The area group the customer is in, if any.</param>
/// <param name="ChatUserId">The customer's chat id in the group, when bound.</param>
/// <param name="Line">Feeder line (线路).</param>
/// <param name="Transformer">Transformer area (台区).</param>
/// <param name="Segment">Resident, VIP or important.</param>
/// <param name="Credit">Credit rating.</param>
/// <param name="PreferredChannel">sms, wecom, bridge or simulator.</param>
public sealed record Customer(
    string AccountNo, string Name, string Phone, string Address, string AreaId, string? GroupId, string? ChatUserId,
    string Line, string Transformer, Segment Segment, CreditRating Credit, string PreferredChannel);

/// <summary>A customer's bill for one billing period (yyyy-MM).</summary>
public sealed record Bill(string AccountNo, string Period, decimal Amount, decimal Paid, DateOnly SettledOn, DateOnly DueOn)
{
    /// <summary>What is still owed.</summary>
    public decimal Outstanding => Math.Max(0, Amount - Paid);
}

/// <summary>Kinds of outage notice.</summary>
public enum OutageKind { Planned, Temporary, Fault }

/// <summary>An outage notice for one or more areas.</summary>
/// <param name="Id">Notice id.</param>
/// <param name="Kind">Planned, temporary maintenance or fault.</param>
/// <param name="AreaIds">Areas affected.</param>
/// <param name="Scope">Human description of the scope (lines, transformers, buildings).</param>
/// <param name="Start">Start (UTC).</param>
/// <param name="End">Expected end / restoration (UTC).</param>
/// <param name="Reason">Why.</param>
/// <param name="Cancelled">True once cancelled.</param>
/// <param name="RestoredAt">When power actually came back (UTC), if it has.</param>
public sealed record OutageNotice(
    string Id, OutageKind Kind, IReadOnlyList<string> AreaIds, string Scope, DateTimeOffset Start, DateTimeOffset End,
    string Reason, bool Cancelled = false, DateTimeOffset? RestoredAt = null)
{
    /// <summary>True while the outage is under way at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => !Cancelled && RestoredAt is null && Start <= now && now < End;

    /// <summary>True when the outage is still to come at <paramref name="now"/>.</summary>
    public bool IsUpcomingAt(DateTimeOffset now) => !Cancelled && Start > now;
}
