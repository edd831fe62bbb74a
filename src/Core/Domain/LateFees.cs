namespace GridService.Core.Domain;

/// <summary>
/// The late fee (违约金) accrued on a bill: a daily rate of what is still owed for each day after the due day (older
/// rule: residents 1‰ a day). One formula for the reminders the Notifier sends and the balance the Bot answers.
/// </summary>
public static class LateFees
{
    /// <summary>Days past the due day on <paramref name="today"/>; 0 when not overdue.</summary>
    public static int OverdueDays(Bill bill, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(bill);
        return Math.Max(0, today.DayNumber - bill.DueOn.DayNumber);
    }

    /// <summary>The fee accrued by <paramref name="today"/> at <paramref name="dailyRate"/>, rounded to the fen; 0 when not overdue or no rate.</summary>
    public static decimal Accrued(Bill bill, DateOnly today, decimal dailyRate)
    {
        ArgumentNullException.ThrowIfNull(bill);
        var days = OverdueDays(bill, today);
        return days > 0 && dailyRate > 0 ? Math.Round(bill.Outstanding * dailyRate * days, 2) : 0m;
    }
}
