namespace GridService.Notifier.Billing;

/// <summary>The settlement and due days a period's bills use: what the reminder job schedules by.</summary>
public sealed record PeriodDates(IReadOnlyList<DateOnly> Settled, IReadOnlyList<DateOnly> Due)
{
    /// <summary>Both lists with <paramref name="other"/>'s days added.</summary>
    public PeriodDates Merge(PeriodDates other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new([.. Settled.Union(other.Settled).Order()], [.. Due.Union(other.Due).Order()]);
    }
}

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
