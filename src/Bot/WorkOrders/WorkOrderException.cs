namespace GridService.Bot.WorkOrders;

/// <summary>Why an operation on an order was refused.</summary>
public enum WorkOrderErrorKind { NotFound, Conflict, BadInput }

/// <summary>An operation a person asked for cannot be done; <see cref="Exception.Message"/> says why in one zh-CN line.</summary>
public sealed class WorkOrderException(WorkOrderErrorKind kind, string message) : Exception(message)
{
    /// <summary>Not found, wrong state, or bad input.</summary>
    public WorkOrderErrorKind Kind { get; } = kind;

    /// <summary>The order does not exist.</summary>
    public static WorkOrderException NotFound(string reference) => new(WorkOrderErrorKind.NotFound, $"没有找到工单“{reference}”。");

    /// <summary>The order's state does not allow the operation.</summary>
    public static WorkOrderException Conflict(string message) => new(WorkOrderErrorKind.Conflict, message);

    /// <summary>The request is incomplete or wrong.</summary>
    public static WorkOrderException BadInput(string message) => new(WorkOrderErrorKind.BadInput, message);
}
