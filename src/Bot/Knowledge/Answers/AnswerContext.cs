
namespace GridService.Bot.Knowledge;

/// <summary>
/// What the composer needs to fill live placeholders for one message. Everything is optional: without an area the
/// answer says what it generally can (95598, how to report), never invents a manager or an outage.
/// </summary>
/// <param name="AreaId">The group's area id, for per-area local facts.</param>
/// <param name="AreaName">The area's display name.</param>
/// <param name="ManagerName">The area manager on duty.</param>
/// <param name="ManagerPhone">The manager's work phone (shown as is: it is published for customers).</param>
/// <param name="ManagerHours">The manager's service hours, e.g. <c>工作日 8:30-17:30</c>.</param>
/// <param name="Outages">Outage notices touching the area; the composer picks active and upcoming ones itself.</param>
/// <param name="TimeZone">IANA time zone of the area; <see cref="KnowledgeOptions.DefaultTimeZone"/> when null.</param>
/// <param name="IsPrivate">True in a one-to-one chat: only there may personal data be shown.</param>
/// <param name="Customer">The sender's bound account, if any.</param>
/// <param name="Bill">The bound account's current bill, if any.</param>
/// <param name="Unpaid">Every bill of the bound account still owing, oldest first, with the late fee accrued so far;
/// null when not looked up (the balance answer then falls back to <paramref name="Bill"/>).</param>
public sealed record AnswerContext(
    string? AreaId = null,
    string? AreaName = null,
    string? ManagerName = null,
    string? ManagerPhone = null,
    string? ManagerHours = null,
    IReadOnlyList<OutageNotice>? Outages = null,
    string? TimeZone = null,
    bool IsPrivate = false,
    Customer? Customer = null,
    Bill? Bill = null,
    IReadOnlyList<UnpaidBill>? Unpaid = null)
{
    /// <summary>
    /// The day or place the question named ("12月20日", "三组"), set by the engine after it has kept in
    /// <see cref="Outages"/> only the notices covering it: the composer then lists those whatever their kind and
    /// says which day or place it looked at when there is none.
    /// </summary>
    public string? AskedFor { get; init; }

    /// <summary>No area, no customer, a group message: the generic answer.</summary>
    public static AnswerContext None { get; } = new();

    /// <summary>Builds the context from the Core records the pipeline already has.</summary>
    public static AnswerContext For(
        Area area, Staff? manager, IReadOnlyList<OutageNotice> outages, bool isPrivate, Customer? customer = null, Bill? bill = null)
    {
        ArgumentNullException.ThrowIfNull(area);
        return new AnswerContext(area.Id, area.Name, manager?.Name, manager?.Phone, manager?.Hours, outages, area.TimeZone,
            isPrivate, customer, bill);
    }
}

/// <summary>A bill still owing, for the private balance answer.</summary>
/// <param name="Bill">The bill.</param>
/// <param name="OverdueDays">Days past its due day (0: not overdue).</param>
/// <param name="LateFee">The late fee accrued so far; null when no rate is configured (then none is quoted).</param>
public sealed record UnpaidBill(Bill Bill, int OverdueDays, decimal? LateFee);
