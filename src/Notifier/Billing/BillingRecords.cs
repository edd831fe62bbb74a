namespace GridService.Notifier.Billing;

/// <summary>The settlement and due days a period's bills use: what the reminder job schedules by.</summary>
/// <param name="Settled">Settlement days.</param>
/// <param name="Due">Due days.</param>
/// <param name="ImportedAt">When bills of the period were last imported: a stage whose send time passed before then is
/// decided again for the bills that came late (null for bills loaded without the importer).</param>
public sealed record PeriodDates(IReadOnlyList<DateOnly> Settled, IReadOnlyList<DateOnly> Due, DateTimeOffset? ImportedAt = null)
{
    /// <summary>Both lists with <paramref name="other"/>'s days added; the later import time.</summary>
    public PeriodDates Merge(PeriodDates other)
    {
        ArgumentNullException.ThrowIfNull(other);
        DateTimeOffset? imported = ImportedAt is { } a && other.ImportedAt is { } b ? (a > b ? a : b) : ImportedAt ?? other.ImportedAt;
        return new([.. Settled.Union(other.Settled).Order()], [.. Due.Union(other.Due).Order()], imported);
    }
}

/// <summary>A billing message that could not be produced for one bill (a record that does not render), kept for an operator.</summary>
/// <param name="AccountNo">Account.</param>
/// <param name="Period">Billing period.</param>
/// <param name="Stage">The stage (reminder-1..3, disconnection).</param>
/// <param name="Reason">Why, masked (the template error names the template and line).</param>
/// <param name="At">When it failed last.</param>
public sealed record BillingFailure(string AccountNo, string Period, string Stage, string Reason, DateTimeOffset At)
{
    /// <summary>The entry's key: <c>account|period|stage</c>.</summary>
    public string Key => $"{AccountNo}|{Period}|{Stage}";
}

/// <summary>
/// A customer whose supply was cut for arrears: recorded by the crew (an import or the API) after the notice, then
/// the payment, then the restoration. Reconnection messages only ever go to customers with such a record.
/// </summary>
/// <param name="AccountNo">Account.</param>
/// <param name="AreaId">The customer's area, whose manager restores supply.</param>
/// <param name="Period">The bill whose arrears caused it.</param>
/// <param name="DisconnectedAt">When supply was cut.</param>
/// <param name="DisconnectedBy">Who recorded it.</param>
/// <param name="PaidAt">When the arrears were paid in full, if they were.</param>
/// <param name="AlertedAt">When the manager was alerted that a paid customer was still not restored at the end of that day.</param>
public sealed record SupplyCut(
    string AccountNo, string AreaId, string Period, DateTimeOffset DisconnectedAt, string DisconnectedBy,
    DateTimeOffset? PaidAt = null, DateTimeOffset? AlertedAt = null);

/// <summary>A disconnection notice sent for one bill; a later payment in full brings a reconnection message.</summary>
/// <param name="NoticedAt">When the notice was queued.</param>
/// <param name="DisconnectAt">When supply would be cut, as the notice said.</param>
public sealed record DisconnectionRecord(DateTimeOffset NoticedAt, DateTimeOffset DisconnectAt);

/// <summary>A disconnection notice waiting for a person to decide (release or drop).</summary>
/// <param name="AccountNo">Account.</param>
/// <param name="Period">Billing period.</param>
/// <param name="AreaId">The customer's area, for the area manager.</param>
/// <param name="Outstanding">What was owed when it was held.</param>
/// <param name="Why">Which rule held it (e.g. segment important).</param>
/// <param name="HeldAt">When.</param>
public sealed record HeldNotice(string AccountNo, string Period, string AreaId, decimal Outstanding, string Why, DateTimeOffset HeldAt)
{
    /// <summary>The entry's key: <c>account/period</c>.</summary>
    public string Key => KeyOf(AccountNo, Period);

    /// <summary>The key of an account's held notice for a period.</summary>
    public static string KeyOf(string accountNo, string period) => $"{accountNo}/{period}";
}

/// <summary>A payment as the payments file lists it and the period's payment hash records it.</summary>
/// <param name="PaymentId">Unique id from the payment system; applied once.</param>
/// <param name="AccountNo">Account.</param>
/// <param name="Period">The bill it pays.</param>
/// <param name="Amount">Yuan.</param>
/// <param name="PaidAt">When (UTC).</param>
public sealed record Payment(string PaymentId, string AccountNo, string Period, decimal Amount, DateTimeOffset PaidAt);

/// <summary>A bill paid in full by a payment just imported; the Notifier checks whether it owes a reconnection message.</summary>
public sealed record BillPaid(string AccountNo, string Period, DateTimeOffset PaidAt);
