using GridService.Core.Billing;
using GridService.Core.Grid;
using GridService.Core.Storage;
using GridService.Notifier.Audiences;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary>A person's decision on a held disconnection notice: release it (it goes now) or drop it.</summary>
public sealed partial class HeldNoticeService(
    RedisStore store, GridDirectory directory, BillingStore billing, PreferenceStore preferences, BillingMessages messages,
    Outbox outbox, DisconnectionReceipts receipts, IOptions<BillingOptions> options, TimeProvider time, ILogger<HeldNoticeService> logger)
{
    /// <summary>Sends the held notice now; null when it is not held (any more), else whether it was queued.</summary>
    public async Task<bool?> ReleaseAsync(string accountNo, string period, string decidedBy)
    {
        var held = await billing.GetHeldAsync(accountNo, period);
        if (held is null) return null;
        var customer = await directory.GetCustomerAsync(accountNo);
        var bill = await directory.GetBillAsync(accountNo, period);
        var areas = await AreaStaff.LoadAsync(directory);
        if (customer is null || bill is null || !areas.TryGetValue(customer.AreaId, out var area)) return null;
        if (!await billing.UnholdAsync(accountNo, period)) return null; // another operator decided first
        if (bill.Outstanding <= 0)
        {
            Log.Decided(logger, Masking.MaskAccount(accountNo), period, "dropped, already paid", decidedBy);
            return false;
        }

        var now = time.GetUtcNow();
        var disconnectAt = now + options.Value.Disconnection.NoticePeriod;
        // Every rule that holds a notice (important customers, credit A, credit B the first time) also softens it.
        var model = messages.Model(customer, bill, area, now) with { DisconnectAt = disconnectAt, Gentle = true };
        var message = messages.Compose(ReminderStage.Disconnection, BillingMessages.DisconnectionTemplate, customer, model, area,
            await preferences.GetAsync(accountNo), Urgency.Mandatory, now)!;
        await outbox.EnqueueAsync(message);
        var batch = store.Db.CreateBatch();
        var writes = new[]
        {
            billing.RecordDisconnectionAsync(batch, period, accountNo, new DisconnectionRecord(now, disconnectAt)),
            billing.RecordHistoryAsync(batch, period, accountNo),
        };
        batch.Execute();
        await Task.WhenAll(writes);
        await receipts.AwaitAsync(new DisconnectionReceipt(accountNo, period, customer.AreaId, now, disconnectAt));
        Log.Decided(logger, Masking.MaskAccount(accountNo), period, "released", decidedBy);
        return true;
    }

    /// <summary>Drops the held notice; false when it was not held.</summary>
    public async Task<bool> DropAsync(string accountNo, string period, string decidedBy)
    {
        var dropped = await billing.UnholdAsync(accountNo, period);
        if (dropped) await billing.RecordDroppedAsync(period, accountNo, decidedBy, time.GetUtcNow());
        if (dropped) Log.Decided(logger, Masking.MaskAccount(accountNo), period, "dropped", decidedBy);
        return dropped;
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Billing + 20, LogLevel.Information, "Held disconnection notice of account {Account} ({Period}) {Decision} by {DecidedBy}")]
        public static partial void Decided(ILogger logger, string account, string period, string decision, string decidedBy);
    }
}
