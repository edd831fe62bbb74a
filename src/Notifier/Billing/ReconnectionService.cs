using GridService.Core.Grid;
using GridService.Notifier.Audiences;

namespace GridService.Notifier.Billing;

/// <summary>
/// When a bill is paid in full: a customer who got the disconnection notice is told supply is restored (the seed's
/// rule is to reconnect the same day; the time shown is the payment's), and a notice held for a person is dropped.
/// </summary>
public sealed partial class ReconnectionService(
    GridDirectory directory, BillingStore billing, PreferenceStore preferences, BillingMessages messages, Outbox outbox,
    TimeProvider time, ILogger<ReconnectionService> logger)
{
    /// <summary>
    /// Handles bills of one period found paid in full (an import batch): only those with a held or sent
    /// disconnection notice need more than the two lookups. Returns how many reconnection messages were queued.
    /// </summary>
    public async Task<int> OnPaidAsync(string period, IReadOnlyList<BillPaid> paid)
    {
        ArgumentNullException.ThrowIfNull(paid);
        var accounts = paid.Select(p => p.AccountNo).ToList();
        var noticed = await billing.HaveDisconnectionAsync(period, accounts);
        var held = await billing.AreHeldAsync(period, accounts);
        var queued = 0;
        for (var i = 0; i < paid.Count; i++)
        {
            if ((noticed[i] || held[i]) && await OnPaidAsync(paid[i])) queued++;
        }

        return queued;
    }

    /// <summary>Handles one bill paid in full; true when a reconnection message was queued.</summary>
    public async Task<bool> OnPaidAsync(BillPaid paid)
    {
        ArgumentNullException.ThrowIfNull(paid);
        if (await billing.UnholdAsync(paid.AccountNo, paid.Period)) Log.HeldResolved(logger, Masking.MaskAccount(paid.AccountNo), paid.Period);
        if (await billing.GetDisconnectionAsync(paid.Period, paid.AccountNo) is null) return false;

        var customer = await directory.GetCustomerAsync(paid.AccountNo);
        var bill = await directory.GetBillAsync(paid.AccountNo, paid.Period);
        var areas = customer is null ? null : await AreaStaff.LoadAsync(directory);
        if (customer is null || bill is null || areas is null || !areas.TryGetValue(customer.AreaId, out var area)) return false;

        var now = time.GetUtcNow();
        var model = messages.Model(customer, bill, area, now) with { PaidAt = paid.PaidAt, ReconnectedAt = paid.PaidAt };
        var message = messages.Compose(ReminderStage.Reconnection, "reconnection", customer, model, area,
            await preferences.GetAsync(customer.AccountNo), Urgency.Mandatory, now)!;
        await outbox.EnqueueAsync(message);
        await billing.ClearDisconnectionAsync(paid.Period, paid.AccountNo);
        Log.Reconnected(logger, Masking.MaskAccount(paid.AccountNo), paid.Period);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Billing + 10, LogLevel.Information, "Account {Account} paid {Period} after its disconnection notice: reconnection message queued")]
        public static partial void Reconnected(ILogger logger, string account, string period);

        [LoggerMessage(EventIds.Billing + 11, LogLevel.Information, "Account {Account} paid {Period}: its held disconnection notice is no longer needed")]
        public static partial void HeldResolved(ILogger logger, string account, string period);
    }
}
