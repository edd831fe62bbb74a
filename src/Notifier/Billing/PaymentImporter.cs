using System.Text.Json;
using GridService.Core.Csv;
using GridService.Core.Grid;
using GridService.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Notifier.Billing;

/// <summary>
/// <c>import payments</c>: checks every row first (fields, duplicate payment ids, bills that exist) and writes
/// nothing unless all are good; then applies the payments in batches, each batch one transaction that adds the
/// amounts to the bills and records the payment ids, so a payment is applied once however often the file is
/// imported and a crash never leaves a batch half applied. Bills paid in full trigger the reconnection check.
/// </summary>
public sealed class PaymentImporter(
    RedisStore store, GridDirectory directory, ReconnectionService reconnection, IOptions<BillingOptions> options)
{
    /// <summary>Columns the payments file must have.</summary>
    public static readonly string[] Columns = ["payment_id", "account_no", "period", "amount", "paid_at"];

    private const int Batch = 500;
    private const int MaxAttempts = 5;

    private readonly TimeZoneInfo _zone = Zones.Find(options.Value.TimeZone);

    /// <summary>Checks, then (unless <paramref name="dryRun"/> or there were errors) applies the file.</summary>
    public async Task<ImportResult> ImportAsync(string path, ImportProgress progress, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var name = Path.GetFileName(path);
        var stamp = FileStamp.Of(path);
        var errors = new ImportErrors();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var periods = new Dictionary<string, long>(StringComparer.Ordinal);
        var pending = new List<(Payment Payment, int Line)>(Batch);
        long rows = 0;

        progress.Begin($"checking {name}");
        using (var csv = CsvReader.Open(path))
        {
            try
            {
                (await csv.ReadHeaderAsync(cancellationToken)).Require(Columns);
                await foreach (var row in csv.ReadRowsAsync(cancellationToken))
                {
                    progress.Report(++rows);
                    try
                    {
                        var payment = Parse(row);
                        if (!ids.TryAdd(payment.PaymentId, row.Line)) throw row.Error("payment_id", $"is already used on line {ids[payment.PaymentId]}");
                        periods[payment.Period] = periods.GetValueOrDefault(payment.Period) + 1;
                        pending.Add((payment, row.Line));
                        if (pending.Count == Batch) await CheckBillsAsync(pending, name, errors);
                    }
                    catch (CsvException ex)
                    {
                        errors.Add(ex);
                    }
                }

                await CheckBillsAsync(pending, name, errors);
            }
            catch (CsvException ex)
            {
                errors.Add(ex);
            }
        }

        progress.End(rows);
        if (errors.Count > 0 || dryRun) return new ImportResult(name, rows, errors.Listed, errors.Count, 0, 0, periods);
        if (FileStamp.Of(path) != stamp) return BillImporter.Changed(name, rows, periods);

        progress.Begin($"applying {name}");
        var totals = new Totals();
        var buffers = new Dictionary<string, List<Payment>>(StringComparer.Ordinal);
        using (var csv = CsvReader.Open(path))
        {
            await foreach (var row in csv.ReadRowsAsync(cancellationToken))
            {
                var payment = Parse(row);
                if (!buffers.TryGetValue(payment.Period, out var buffer)) buffers[payment.Period] = buffer = new List<Payment>(Batch);
                buffer.Add(payment);
                if (buffer.Count < Batch) continue;
                await ApplyAsync(payment.Period, buffer, totals, cancellationToken);
                progress.Report(totals.Applied + totals.Skipped);
            }
        }

        foreach (var (period, buffer) in buffers) await ApplyAsync(period, buffer, totals, cancellationToken);
        progress.End(totals.Applied + totals.Skipped);
        return new ImportResult(name, rows, [], 0, totals.Applied, totals.Skipped, periods);
    }

    private Payment Parse(CsvRow row)
    {
        var amount = CsvFields.Money(row, "amount");
        if (amount == 0) throw row.Error("amount", "is zero");
        return new Payment(CsvFields.Id(row, "payment_id"), CsvFields.AccountNo(row), CsvFields.Period(row).Text, amount, row.GetTime("paid_at", _zone));
    }

    private async Task CheckBillsAsync(List<(Payment Payment, int Line)> pending, string name, ImportErrors errors)
    {
        var exists = pending.Select(p => store.Db.HashExistsAsync(GridKeys.Of(store).Bills(p.Payment.Period), p.Payment.AccountNo)).ToArray();
        for (var i = 0; i < pending.Count; i++)
        {
            if (!await exists[i])
            {
                errors.Add(new CsvException(name, pending[i].Line, "period", $"account has no bill for {pending[i].Payment.Period}; import the bills first"));
            }
        }

        pending.Clear();
    }

    // One transaction per batch: the bills change only if nobody changed them since they were read, and each payment
    // id is recorded only if it was not recorded meanwhile; otherwise nothing is written and the batch is read again.
    private async Task ApplyAsync(string period, List<Payment> batch, Totals totals, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var paymentsKey = PaymentsKey(period);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seen = await store.Db.HashGetAsync(paymentsKey, [.. batch.Select(p => (RedisValue)p.PaymentId)]);
            var fresh = batch.Where((_, i) => seen[i].IsNull).ToList();
            var accounts = batch.Select(p => p.AccountNo).Distinct(StringComparer.Ordinal).ToList();
            var bills = await directory.GetBillsAsync(period, accounts);
            var changes = new List<(Bill Before, Bill After)>();
            var now = new Dictionary<string, Bill>(StringComparer.Ordinal);
            for (var i = 0; i < accounts.Count; i++)
            {
                if (bills[i] is not { } bill) continue; // removed since the check: its payments stay unapplied and are counted skipped
                var amount = fresh.Where(p => p.AccountNo == accounts[i]).Sum(p => p.Amount);
                now[bill.AccountNo] = amount == 0 ? bill : bill with { Paid = bill.Paid + amount };
                if (amount != 0) changes.Add((bill, now[bill.AccountNo]));
            }

            var applying = fresh.Where(p => changes.Any(c => c.Before.AccountNo == p.AccountNo)).ToList();
            if (applying.Count > 0 && !await directory.ReplaceBillsAsync(period, changes, (tx, _) => Record(tx, paymentsKey, applying))) continue;

            totals.Applied += applying.Count;
            totals.Skipped += batch.Count - applying.Count;

            // Every bill of the batch now paid in full, not only those this batch completed: an import that stopped
            // after applying a batch but before this step is finished by running it again.
            var paidInFull = now.Values.Where(b => b.Outstanding == 0)
                .Select(b => new BillPaid(b.AccountNo, period, batch.Where(p => p.AccountNo == b.AccountNo).Max(p => p.PaidAt))).ToList();
            await reconnection.OnPaidAsync(period, paidInFull);
            batch.Clear();
            return;
        }

        throw new InvalidOperationException($"The bills of {period} kept changing while payments were applied; run the import again (applied payments are skipped).");
    }

    private static void Record(ITransaction transaction, string paymentsKey, List<Payment> payments)
    {
        foreach (var payment in payments)
        {
            transaction.AddCondition(Condition.HashNotExists(paymentsKey, payment.PaymentId));
            _ = transaction.HashSetAsync(paymentsKey, payment.PaymentId, JsonSerializer.Serialize(payment, BillingJson.Default.Payment));
        }
    }

    private sealed class Totals
    {
        public long Applied { get; set; }

        public long Skipped { get; set; }
    }

    // Payments applied to one period's bills: payment id → JSON. Its hash tag is the bills key itself, so it lives in
    // the bills' slot and one transaction can update both.
    private string PaymentsKey(string period) => $"{{{GridKeys.Of(store).Bills(period)}}}:payments";
}
