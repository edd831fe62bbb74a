using System.Text.Json.Serialization;

namespace GridService.Bot.WorkOrders;

/// <summary>What the order is about; selects its deadlines.</summary>
public enum WorkOrderType { Repair, Complaint, Consult }

/// <summary>Hazards to life are urgent; everything else is normal.</summary>
public enum WorkOrderPriority { Normal, Urgent }

/// <summary>open → accepted → resolved → closed, or transferred (waiting for the new owner) / cancelled.</summary>
public enum WorkOrderStatus { Open, Accepted, Transferred, Resolved, Closed, Cancelled }

/// <summary>One person who reported the problem, with the message they wrote.</summary>
/// <param name="UserId">Their chat id.</param>
/// <param name="Name">Account holder's or display name (shown masked in groups).</param>
/// <param name="MessageId">The message they reported it in; replies quote it.</param>
/// <param name="Text">What they wrote, without the @mention.</param>
/// <param name="At">When.</param>
/// <param name="AccountNo">Their bound account, if any.</param>
/// <param name="Phone">Their phone from the account, if any.</param>
/// <param name="Satisfied">Their rating after the resolution: true 满意, false 不满意, null not yet.</param>
/// <param name="RelayVia">
/// For a resident a manager reported for (the copilot of customer groups, where the bot cannot post): the staff id
/// who relays what happens to the order; the resident is not reachable by the bot.
/// </param>
public sealed record Asker(
    string UserId, string Name, string MessageId, string Text, DateTimeOffset At, string? AccountNo = null, string? Phone = null,
    bool? Satisfied = null, string? RelayVia = null);

/// <summary>A photo a reporter sent, kept in the attachment store.</summary>
/// <param name="Id">The attachment id.</param>
/// <param name="ContentType">image/jpeg, image/png…</param>
/// <param name="Bytes">Its size.</param>
/// <param name="From">Who sent it.</param>
/// <param name="At">When.</param>
public sealed record WorkOrderPhoto(string Id, string ContentType, long Bytes, string From, DateTimeOffset At);

/// <summary>One line of an order's timeline.</summary>
/// <param name="At">When.</param>
/// <param name="Kind">created, joined, accepted, transferred, handover, progress, delayed, resolved, feedback, reopened,
/// closed, cancelled, warned, breached, respond-warned, respond-breached.</param>
/// <param name="Actor">Staff id, asker id or <c>sla</c>.</param>
/// <param name="Text">What happened, for people.</param>
/// <param name="SourceId">The message or request that caused it; a redelivered one is recognised and not applied twice.</param>
public sealed record WorkOrderEvent(DateTimeOffset At, string Kind, string Actor, string Text, string? SourceId = null);

/// <summary>
/// A work order (工单). Stored as JSON under its id (the id is the key, not part of the JSON, so the opening script
/// can number it). Changes are made by <see cref="WorkOrderStore.UpdateAsync"/> with the methods in
/// <c>WorkOrder.Transitions.cs</c>.
/// </summary>
public sealed partial record WorkOrder
{
    /// <summary>The number people say aloud, e.g. <c>GD20261123-0042</c>.</summary>
    [JsonIgnore]
    public string Id { get; init; } = "";

    /// <summary>Repair, complaint or consult.</summary>
    public required WorkOrderType Type { get; init; }

    /// <summary>Urgent for hazards.</summary>
    public required WorkOrderPriority Priority { get; init; }

    /// <summary>Where it is in its life.</summary>
    public WorkOrderStatus Status { get; init; } = WorkOrderStatus.Open;

    /// <summary>The area it belongs to.</summary>
    public required string AreaId { get; init; }

    /// <summary>The area's kind when it was opened (selects the deadlines).</summary>
    public required AreaKind AreaKind { get; init; }

    /// <summary>The area's time zone (working days are counted there).</summary>
    public required string TimeZone { get; init; }

    /// <summary>The group it was reported in; results are posted there.</summary>
    public required string GroupId { get; init; }

    /// <summary>The incident it clusters (outage, hazard), or null for an individual problem.</summary>
    public string? Incident { get; init; }

    /// <summary>Where it is, as read from the first report (hazards: building, unit, street, pole...), or null.</summary>
    public string? Place { get; init; }

    /// <summary>Who owns it: a staff id, or a department name after a transfer to one.</summary>
    public required string OwnerId { get; init; }

    /// <summary>The owner's display name.</summary>
    public required string OwnerName { get; init; }

    /// <summary>When it was opened.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>First response due (repair: arrival on site; complaint: contact the customer); null when none applies.</summary>
    public DateTimeOffset? RespondBy { get; init; }

    /// <summary>Resolution due; moved later when the owner or the watchdog extends it.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>The deadline before the last postponement (the askers are told both).</summary>
    public DateTimeOffset? PreviousDeadline { get; init; }

    /// <summary>The owner was warned that the first response is due soon.</summary>
    public bool RespondWarned { get; init; }

    /// <summary>The first response was late and escalated.</summary>
    public bool RespondBreached { get; init; }

    /// <summary>The deadline the owner was last warned about (a new deadline warns again).</summary>
    public DateTimeOffset? WarnedFor { get; init; }

    /// <summary>The deadline last breached (a new deadline can breach again).</summary>
    public DateTimeOffset? BreachedFor { get; init; }

    /// <summary>True once any deadline was missed.</summary>
    public bool Overdue { get; init; }

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>When it was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>When it was closed or cancelled.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The result written on the order.</summary>
    public string? Resolution { get; init; }

    /// <summary>Latest progress the owner reported.</summary>
    public string? Progress { get; init; }

    /// <summary>Why the deadline was moved, as told to the askers.</summary>
    public string? DelayReason { get; init; }

    /// <summary>Everyone who reported it, first reporter first.</summary>
    public required IReadOnlyList<Asker> Askers { get; init; }

    /// <summary>What happened, oldest first.</summary>
    public required IReadOnlyList<WorkOrderEvent> Timeline { get; init; }

    /// <summary>Photos reporters sent in private chat.</summary>
    public IReadOnlyList<WorkOrderPhoto> Photos { get; init; } = [];

    /// <summary>True until closed or cancelled (resolved orders wait for the askers' rating).</summary>
    [JsonIgnore]
    public bool IsActive => Status is not (WorkOrderStatus.Closed or WorkOrderStatus.Cancelled);

    /// <summary>True while someone still has to work on it (its deadlines run).</summary>
    [JsonIgnore]
    public bool IsOpenWork => Status is WorkOrderStatus.Open or WorkOrderStatus.Accepted or WorkOrderStatus.Transferred;

    /// <summary>The first reporter.</summary>
    [JsonIgnore]
    public Asker FirstAsker => Askers[0];

    /// <summary>One entry per person (their first report), for replies that go to each asker once.</summary>
    [JsonIgnore]
    public IEnumerable<Asker> DistinctAskers => Askers.DistinctBy(a => a.UserId, StringComparer.Ordinal);

    /// <summary>True when the event caused by <paramref name="sourceId"/> is already on the timeline.</summary>
    public bool HasApplied(string sourceId) => Timeline.Any(e => e.SourceId == sourceId);
}
