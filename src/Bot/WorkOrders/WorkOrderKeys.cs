namespace GridService.Bot.WorkOrders;

/// <summary>
/// The keys of the work-order store, all in the hash slot <c>{wo}</c>: opening an order claims the inbound message,
/// bumps the day's counter and writes the order, its indexes and its incident in one script. A county's orders
/// (hundreds a day) fit one slot comfortably.
/// </summary>
public readonly record struct WorkOrderKeys(string Root)
{
    /// <summary>The keys under <paramref name="prefix"/>.</summary>
    public static WorkOrderKeys Under(string prefix) => new($"{prefix}:{{wo}}");

    /// <summary>Hash: order id → order JSON.</summary>
    public string Orders => Root + ":orders";
    /// <summary>Set of ids of orders not yet closed or cancelled.</summary>
    public string Active => Root + ":active";
    /// <summary>Sorted set of every order id, scored by creation (Unix ms).</summary>
    public string All => Root + ":all";
    /// <summary>Counter of one day's order numbers (yyyyMMdd).</summary>
    public string Sequence(string day) => Root + ":seq:" + day;
    /// <summary>Which order an inbound message opened or joined ("id|opened" / "id|joined").</summary>
    public string Source(string channel, string messageId) => Root + ":src:" + channel + ":" + messageId;
    /// <summary>The open order of one incident (outage, hazard) in one group, for clustering reports.</summary>
    public string Incident(string groupId, string incident) => Root + ":incident:" + groupId + ":" + incident;
    /// <summary>The resolved order a group member was asked to rate (满意/不满意).</summary>
    public string Feedback(string groupId, string userId) => Root + ":feedback:" + groupId + ":" + userId;
}
