namespace GridService.Bot.WorkOrders.Api;

/// <summary>An order in a list.</summary>
public sealed record WorkOrderSummary(
    string Id, string Type, string Priority, string Status, string AreaId, string GroupId, string OwnerId, string OwnerName,
    DateTimeOffset CreatedAt, DateTimeOffset Deadline, bool Overdue, int Reporters, string Summary)
{
    /// <summary>Maps an order.</summary>
    public static WorkOrderSummary From(WorkOrder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, Name(o.Type), Name(o.Priority), Name(o.Status), o.AreaId, o.GroupId, o.OwnerId, o.OwnerName, o.CreatedAt,
            o.Deadline, o.Overdue, o.DistinctAskers.Count(), WorkOrderText.Summary(o, 60));
    }

    internal static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}

/// <summary>An order with its reporters and timeline, for an operator (behind the admin token).</summary>
public sealed record WorkOrderDetail(
    string Id, string Type, string Priority, string Status, string AreaId, string AreaKind, string GroupId, string? Incident,
    string OwnerId, string OwnerName, DateTimeOffset CreatedAt, DateTimeOffset? RespondBy, DateTimeOffset Deadline,
    DateTimeOffset? PreviousDeadline, bool Overdue, DateTimeOffset? AcceptedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt,
    string? Resolution, string? Progress, string? DelayReason, IReadOnlyList<Asker> Askers, IReadOnlyList<WorkOrderEvent> Timeline,
    IReadOnlyList<WorkOrderPhoto>? Photos = null)
{
    /// <summary>Maps an order.</summary>
    public static WorkOrderDetail From(WorkOrder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, WorkOrderSummary.Name(o.Type), WorkOrderSummary.Name(o.Priority), WorkOrderSummary.Name(o.Status), o.AreaId,
            WorkOrderSummary.Name(o.AreaKind), o.GroupId, o.Incident, o.OwnerId, o.OwnerName, o.CreatedAt, o.RespondBy, o.Deadline,
            o.PreviousDeadline, o.Overdue, o.AcceptedAt, o.ResolvedAt, o.ClosedAt, o.Resolution, o.Progress, o.DelayReason, o.Askers, o.Timeline,
            o.Photos);
    }
}

/// <summary>A request made by a member of staff.</summary>
public interface IActorRequest
{
    /// <summary>The staff id (or name) of the person acting.</summary>
    string? By { get; }
}

/// <summary>Body of <c>POST /api/workorders/{id}/accept</c>.</summary>
public sealed record AcceptRequest(string? By) : IActorRequest;

/// <summary>Body of <c>POST /api/workorders/{id}/resolve</c>.</summary>
public sealed record ResolveRequest(string? By, string? Result) : IActorRequest;

/// <summary>Body of <c>POST /api/workorders/{id}/transfer</c>.</summary>
public sealed record TransferRequest(string? By, string? To, string? Note) : IActorRequest;
