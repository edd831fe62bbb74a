using GridService.Core.Billing;
using GridService.Core.Grid;
using GridService.Notifier.Audiences;
using GridService.Notifier.Managers;

namespace GridService.Notifier.Billing;

/// <summary>What a supply record request found wrong (the API answers 404 or 409 with it).</summary>
/// <param name="Status">404 or 409.</param>
/// <param name="Detail">What is wrong, for the operator.</param>
public sealed record SupplyRefusal(int Status, string Detail);

/// <summary>
/// Disconnection and reconnection as they happen, not as they were planned. The crew's records (an import or the
/// API) say when supply was cut and restored; the customer's reconnection message goes only to a customer who was
/// really cut, once the restoration is recorded, with its real time. A payment in full drops a held notice and the
/// receipt awaited for it (a queued notice is withdrawn at its send time); for a cut customer it asks the manager
/// to reconnect today, and one still not restored when that day ends raises an alert to the manager and supervisor.
/// </summary>
public sealed partial class ReconnectionService(
    GridDirectory directory, BillingStore billing, PreferenceStore preferences, BillingMessages messages, Outbox outbox,
    DisconnectionReceipts receipts, ManagerAlerts alerts, TimeProvider time, ILogger<ReconnectionService> logger)
{
    /// <summary>
    /// Handles bills of one period found paid in full (an import batch): only those with a held or sent
    /// disconnection notice need more than the two lookups. Returns how many managers were asked to reconnect.
    /// </summary>
    public async Task<int> OnPaidAsync(string period, IReadOnlyList<BillPaid> paid)
    {
        ArgumentNullException.ThrowIfNull(paid);
        var accounts = paid.Select(p => p.AccountNo).ToList();
        var noticed = await billing.HaveDisconnectionAsync(period, accounts);
        var held = await billing.AreHeldAsync(period, accounts);
        var asked = 0;
        for (var i = 0; i < paid.Count; i++)
        {
            if ((noticed[i] || held[i]) && await OnPaidAsync(paid[i])) asked++;
        }

        return asked;
    }

    /// <summary>Handles one bill paid in full; true when the customer is cut and the manager was asked to reconnect.</summary>
    public async Task<bool> OnPaidAsync(BillPaid paid)
    {
        ArgumentNullException.ThrowIfNull(paid);
        if (await billing.UnholdAsync(paid.AccountNo, paid.Period)) Log.HeldResolved(logger, Masking.MaskAccount(paid.AccountNo), paid.Period);
        if (await receipts.GetAsync(paid.AccountNo) is { } receipt && receipt.Period == paid.Period) await receipts.ForgetAsync(paid.AccountNo);
        await billing.ClearDisconnectionAsync(paid.Period, paid.AccountNo);

        if (await billing.GetSupplyCutAsync(paid.AccountNo) is not { } cut || cut.Period != paid.Period)
        {
            Log.PaidBeforeCut(logger, Masking.MaskAccount(paid.AccountNo), paid.Period);
            return false; // never cut: nothing to reconnect, so no reconnection message
        }

        if (cut.PaidAt is null) await billing.SaveSupplyCutAsync(cut = cut with { PaidAt = paid.PaidAt });
        await alerts.PaidWhileCutAsync(cut, await directory.GetCustomerAsync(paid.AccountNo), cut.PaidAt!.Value);
        Log.AskedToReconnect(logger, Masking.MaskAccount(paid.AccountNo), paid.Period);
        return true;
    }

    /// <summary>Records that the crew cut the account's supply (after its disconnection notice, for the bill still owed).</summary>
    public async Task<(SupplyCut? Cut, SupplyRefusal? Refusal)> DisconnectedAsync(string accountNo, DateTimeOffset? at, string by)
    {
        var now = time.GetUtcNow();
        if (await directory.GetCustomerAsync(accountNo) is not { } customer) return (null, new(404, $"No customer {Masking.MaskAccount(accountNo)}."));
        if (await billing.GetSupplyCutAsync(accountNo) is { } existing) return (existing, null); // recorded already: a retry
        var notices = await billing.DisconnectionsOfAsync(accountNo, now);
        if (notices.Count == 0) return (null, new(409, "No disconnection notice was sent to this account; supply may not be cut without one."));
        var (period, record) = notices[0];
        if ((await directory.GetBillAsync(accountNo, period))?.Outstanding is not > 0) return (null, new(409, $"The {period} bill is paid: do not cut supply."));
        var cutAt = at ?? now;
        if (cutAt > now) return (null, new(409, "The disconnection time is in the future."));
        if (cutAt < record.NoticedAt) return (null, new(409, "The disconnection time is before the notice was sent."));
        var cut = new SupplyCut(accountNo, customer.AreaId, period, cutAt, by);
        await billing.SaveSupplyCutAsync(cut);
        Log.Cut(logger, Masking.MaskAccount(accountNo), period, by);
        return (cut, null);
    }

    /// <summary>
    /// Records that supply is back; when the arrears are paid the customer is told, with the time it came back
    /// (a mandatory message: no opt-out, but it waits for quiet hours to end).
    /// </summary>
    public async Task<(bool Told, SupplyRefusal? Refusal)> RestoredAsync(string accountNo, DateTimeOffset? at, string by)
    {
        var now = time.GetUtcNow();
        if (await billing.GetSupplyCutAsync(accountNo) is not { } cut) return (false, new(409, "This account's supply is not recorded as cut."));
        var restoredAt = at ?? now;
        if (restoredAt > now || restoredAt < cut.DisconnectedAt) return (false, new(409, "The restoration time must be between the disconnection and now."));
        await billing.RemoveSupplyCutAsync(accountNo);
        Log.Restored(logger, Masking.MaskAccount(accountNo), cut.Period, by);

        var customer = await directory.GetCustomerAsync(accountNo);
        var bill = await directory.GetBillAsync(accountNo, cut.Period);
        var areas = await AreaStaff.LoadAsync(directory);
        if (customer is null || bill is null || bill.Outstanding > 0 || !areas.TryGetValue(customer.AreaId, out var area)) return (false, null);
        var model = messages.Model(customer, bill, area, now) with { PaidAt = cut.PaidAt, ReconnectedAt = restoredAt };
        var message = messages.Compose(ReminderStage.Reconnection, "reconnection", customer, model, area,
            await preferences.GetAsync(accountNo), Urgency.Mandatory, now)!;
        await outbox.EnqueueAsync(message);
        return (true, null);
    }

    /// <summary>Alerts about every paid customer whose payment day ended without a restoration; returns how many.</summary>
    public async Task<int> AlertNotRestoredAsync(DateTimeOffset now)
    {
        var alerted = 0;
        foreach (var cut in await billing.SupplyCutsAsync())
        {
            if (cut.PaidAt is not { } paidAt || cut.AlertedAt is not null) continue;
            var zone = Zones.Find((await directory.GetAreaAsync(cut.AreaId))?.TimeZone);
            if (now < Zones.At(Zones.LocalDate(paidAt, zone).AddDays(1), TimeSpan.Zero, zone)) continue;
            await alerts.NotRestoredAsync(cut, await directory.GetCustomerAsync(cut.AccountNo));
            await billing.SaveSupplyCutAsync(cut with { AlertedAt = now });
            alerted++;
        }

        return alerted;
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Billing + 10, LogLevel.Information, "Account {Account} paid {Period} while cut off: the manager is asked to reconnect today")]
        public static partial void AskedToReconnect(ILogger logger, string account, string period);

        [LoggerMessage(EventIds.Billing + 11, LogLevel.Information, "Account {Account} paid {Period}: its held disconnection notice is no longer needed")]
        public static partial void HeldResolved(ILogger logger, string account, string period);

        [LoggerMessage(EventIds.Billing + 12, LogLevel.Information, "Account {Account} paid {Period} before being cut off: no reconnection message, a queued notice is withdrawn")]
        public static partial void PaidBeforeCut(ILogger logger, string account, string period);

        [LoggerMessage(EventIds.Billing + 13, LogLevel.Information, "Account {Account} ({Period}): supply cut, recorded by {By}")]
        public static partial void Cut(ILogger logger, string account, string period, string by);

        [LoggerMessage(EventIds.Billing + 14, LogLevel.Information, "Account {Account} ({Period}): supply restored, recorded by {By}")]
        public static partial void Restored(ILogger logger, string account, string period, string by);
    }
}
