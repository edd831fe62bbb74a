using GridService.Core.Domain;

namespace GridService.Core.Templates;

/// <summary>
/// Base of every template model. Property names become snake_case template variables
/// (<c>AreaName</c> is <c>area_name</c>); times are UTC here and reach templates in <see cref="TimeZoneId"/>.
/// </summary>
public abstract record TemplateModel
{
    /// <summary>The area's IANA time zone; not a template variable.</summary>
    [TemplateIgnore]
    public string TimeZoneId { get; init; } = "Asia/Shanghai";

    /// <summary>The area (片区) name.</summary>
    public required string AreaName { get; init; }

    /// <summary>The area manager on duty.</summary>
    public required string ManagerName { get; init; }

    /// <summary>The manager's work phone: a public service contact, not personal data.</summary>
    public required string ManagerPhone { get; init; }
}

/// <summary>Model of the outage notices: planned, reminder, temporary, fault, restoration, amended, cancelled.</summary>
public sealed record OutageModel : TemplateModel
{
    /// <summary>Lines, transformers or buildings affected.</summary>
    public required string Scope { get; init; }

    /// <summary>Start (UTC). Not <c>end</c>/<c>start</c>: <c>end</c> is a Scriban keyword.</summary>
    public required DateTimeOffset StartTime { get; init; }

    /// <summary>Expected end or restoration (UTC).</summary>
    public required DateTimeOffset EndTime { get; init; }

    /// <summary>Why (maintenance work, fault cause).</summary>
    public required string Reason { get; init; }

    /// <summary>When power came back (restoration).</summary>
    public DateTimeOffset? RestoredAt { get; init; }

    /// <summary>The start announced before an amendment.</summary>
    public DateTimeOffset? PreviousStartTime { get; init; }

    /// <summary>The end announced before an amendment.</summary>
    public DateTimeOffset? PreviousEndTime { get; init; }

    /// <summary>Why the notice was amended or cancelled.</summary>
    public string? ChangeReason { get; init; }

    /// <summary>Builds the model from the domain notice, the area and its manager.</summary>
    public static OutageModel From(OutageNotice notice, Area area, Staff manager)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(manager);
        return new OutageModel
        {
            TimeZoneId = area.TimeZone, AreaName = area.Name, ManagerName = manager.Name, ManagerPhone = manager.Phone,
            Scope = notice.Scope, StartTime = notice.Start, EndTime = notice.End, Reason = notice.Reason,
            RestoredAt = notice.RestoredAt,
        };
    }
}

/// <summary>Model of the private billing messages: bill issued, reminders, disconnection notice, reconnection.</summary>
public sealed record BillingModel : TemplateModel
{
    /// <summary>Account holder's name.</summary>
    [PersonalData]
    public required string CustomerName { get; init; }

    /// <summary>Account number (户号).</summary>
    [PersonalData]
    public required string AccountNo { get; init; }

    /// <summary>Billing period, <c>yyyy-MM</c>; templates show it with <c>format_period</c>.</summary>
    public required string Period { get; init; }

    /// <summary>The bill's amount in yuan.</summary>
    public required decimal Amount { get; init; }

    /// <summary>Paid so far.</summary>
    public decimal Paid { get; init; }

    /// <summary>Still owed.</summary>
    public required decimal Outstanding { get; init; }

    /// <summary>Settlement day.</summary>
    public DateOnly? SettledOn { get; init; }

    /// <summary>Payment due day.</summary>
    public required DateOnly DueOn { get; init; }

    /// <summary>Gentle tone: good credit or a segment that gets personal attention (seed 004).</summary>
    public bool Gentle { get; init; }

    /// <summary>Late fee accrued so far, if any.</summary>
    public decimal? LateFee { get; init; }

    /// <summary>When supply would be disconnected (arrears disconnection notice).</summary>
    public DateTimeOffset? DisconnectAt { get; init; }

    /// <summary>When the arrears were paid (reconnection).</summary>
    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>When supply was restored (reconnection).</summary>
    public DateTimeOffset? ReconnectedAt { get; init; }

    /// <summary>household, shop, clinic, school or organisation (<see cref="CustomerKinds"/>): wording differs by kind.</summary>
    public string CustomerKind { get; init; } = "household";

    /// <summary>How the premises are named: 您家, 您的店, 贵单位, 贵校.</summary>
    public string Premises { get; init; } = "您家";

    /// <summary>True when the customer can answer the message (a chat, not SMS): the notice asks them to reply 收到.</summary>
    public bool AsksReceipt { get; init; }

    /// <summary>Nearest service hall (营业厅) for offline payment: name and address.</summary>
    public string? ServiceHall { get; init; }

    /// <summary>Default tone policy: credit A, VIP and important customers get the gentle wording.</summary>
    public static bool GentleFor(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return customer.Credit == CreditRating.A || customer.Segment is Segment.Vip or Segment.Important;
    }

    /// <summary>Builds the model from the domain customer, bill, area and manager.</summary>
    public static BillingModel From(Customer customer, Bill bill, Area area, Staff manager)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(bill);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(manager);
        return new BillingModel
        {
            TimeZoneId = area.TimeZone, AreaName = area.Name, ManagerName = manager.Name, ManagerPhone = manager.Phone,
            CustomerName = customer.Name, AccountNo = customer.AccountNo, Period = bill.Period, Amount = bill.Amount,
            Paid = bill.Paid, Outstanding = bill.Outstanding, SettledOn = bill.SettledOn, DueOn = bill.DueOn,
            Gentle = GentleFor(customer), CustomerKind = CustomerKinds.Name(CustomerKinds.Of(customer)),
            Premises = CustomerKinds.Premises(CustomerKinds.Of(customer)),
        };
    }
}

/// <summary>Model of the work-order messages to the asker (group-safe) and the manager's alert.</summary>
public sealed record WorkOrderModel : TemplateModel
{
    /// <summary>Work-order number.</summary>
    public required string OrderNo { get; init; }

    /// <summary>Type as shown: 故障报修, 投诉, 咨询...</summary>
    public required string TypeName { get; init; }

    /// <summary>The asker's question as typed; free text may carry numbers, so group templates use <c>mask_text</c>.</summary>
    [PersonalData]
    public required string Question { get; init; }

    /// <summary>The asker's name; group templates show it with <c>mask_name</c>.</summary>
    [PersonalData]
    public required string AskerName { get; init; }

    /// <summary>
    /// Everyone who reported it, first reporter first: a group post about the order addresses them all at once
    /// (<c>mask_names</c>), rather than one post per reporter.
    /// </summary>
    [PersonalData]
    public IReadOnlyList<string> AskerNames { get; init; } = [];

    /// <summary>A phone number the asker left, if any.</summary>
    [PersonalData]
    public string? ContactPhone { get; init; }

    /// <summary>The account the order is about, if any.</summary>
    [PersonalData]
    public string? AccountNo { get; init; }

    /// <summary>When the order was opened.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The deadline (SLA).</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>Status as shown: 处理中, 已派单...</summary>
    public string? Status { get; init; }

    /// <summary>Latest progress (updated). Staff's free text may quote a number, so group templates use <c>mask_text</c>.</summary>
    [PersonalData]
    public string? Progress { get; init; }

    /// <summary>The result written on the order (resolved). Staff's free text may quote a number, so group templates use <c>mask_text</c>.</summary>
    [PersonalData]
    public string? Resolution { get; init; }

    /// <summary>Why the deadline cannot be met (overdue). Staff's free text may quote a number, so group templates use <c>mask_text</c>.</summary>
    [PersonalData]
    public string? DelayReason { get; init; }

    /// <summary>The new expected completion (overdue).</summary>
    public DateTimeOffset? NewDeadline { get; init; }

    /// <summary>Who handles it.</summary>
    public string? HandlerName { get; init; }

    /// <summary>The group the question came from.</summary>
    public string? GroupName { get; init; }

    /// <summary>A hazard: the page says 【紧急】 and asks for people on site now.</summary>
    public bool Urgent { get; init; }

    /// <summary>Where it is, as read from the report (building, unit, street, pole...).</summary>
    public string? Place { get; init; }

    /// <summary>The arrival commitment as said (45分钟 in the city, 90分钟 rural, 2小时 remote).</summary>
    public string? ArriveWithin { get; init; }

    /// <summary>When someone must be on site by (the commitment from the order's opening).</summary>
    public DateTimeOffset? ArriveBy { get; init; }

    /// <summary>The reporter's chat id, so staff can @ them in the group or message them.</summary>
    [PersonalData]
    public string? ReporterId { get; init; }
}

/// <summary>Model of the manager's daily digest.</summary>
public sealed record DigestModel : TemplateModel
{
    /// <summary>The day the digest covers.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Orders still open.</summary>
    public IReadOnlyList<DigestOrder> OpenOrders { get; init; } = [];

    /// <summary>Orders past their deadline.</summary>
    public IReadOnlyList<DigestOrder> Breaches { get; init; } = [];

    /// <summary>Questions the bot saw but neither answered nor escalated.</summary>
    public IReadOnlyList<MissedQuestion> MissedQuestions { get; init; } = [];

    /// <summary>Orders opened today.</summary>
    public int OrdersToday { get; init; }

    /// <summary>When the work-order figures were taken; null when the Bot has not reported any (they are then left out).</summary>
    public DateTimeOffset? OrdersAsOf { get; init; }

    /// <summary>Disconnection notices held for the manager to decide (release or drop).</summary>
    public IReadOnlyList<DigestAccount> HeldNotices { get; init; } = [];

    /// <summary>Disconnection notices sent, the customer's 收到 still awaited (within the day they have).</summary>
    public IReadOnlyList<DigestAccount> Unconfirmed { get; init; } = [];

    /// <summary>Customers who did not confirm their disconnection notice within a day: visit them and get it signed.</summary>
    public IReadOnlyList<DigestAccount> VisitList { get; init; } = [];

    /// <summary>Customers who paid after being disconnected and are not restored yet.</summary>
    public IReadOnlyList<DigestAccount> NotRestored { get; init; } = [];
}

/// <summary>One customer the manager has to act on, in the digest (a staff message: names and accounts in full).</summary>
public sealed record DigestAccount
{
    /// <summary>Account holder's name.</summary>
    [PersonalData]
    public required string CustomerName { get; init; }

    /// <summary>Account number.</summary>
    [PersonalData]
    public required string AccountNo { get; init; }

    /// <summary>Supply address, for a visit.</summary>
    [PersonalData]
    public string? Address { get; init; }

    /// <summary>What is owed (or was, for a paid one).</summary>
    public decimal Amount { get; init; }

    /// <summary>Since when (held, noticed, paid).</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Why it is listed, in a few words (credit A, first notice...).</summary>
    public string? Note { get; init; }
}

/// <summary>One work order in the digest.</summary>
public sealed record DigestOrder
{
    /// <summary>Work-order number.</summary>
    public required string OrderNo { get; init; }

    /// <summary>Type as shown.</summary>
    public required string TypeName { get; init; }

    /// <summary>The deadline.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>Status as shown.</summary>
    public required string Status { get; init; }

    /// <summary>A short summary of the question.</summary>
    public string? Summary { get; init; }
}

/// <summary>A question the bot missed, for the manager to pick up.</summary>
public sealed record MissedQuestion
{
    /// <summary>The group it was asked in.</summary>
    public required string GroupName { get; init; }

    /// <summary>When it was asked.</summary>
    public required DateTimeOffset AskedAt { get; init; }

    /// <summary>Who asked.</summary>
    [PersonalData]
    public required string AskerName { get; init; }

    /// <summary>The question as typed.</summary>
    public required string Question { get; init; }
}

/// <summary>Marks a model property as personal data: group templates may only show it through a mask function.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataAttribute : Attribute;

/// <summary>Keeps a model property out of the template variables.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TemplateIgnoreAttribute : Attribute;
