using System.Runtime.CompilerServices;
using GridService.Core.Csv;
using GridService.Core.Grid;
using GridService.Core.Storage;

namespace GridService.Notifier.Billing;

/// <summary>
/// <c>import bills</c>: checks every row first (fields, duplicates, accounts that exist) streaming the file, and
/// writes nothing unless all rows are good; then streams the file again into Redis in pipelined batches. So a bad
/// row never leaves half a file imported, and a million rows never sit in memory.
/// </summary>
public sealed class BillImporter(RedisStore store, GridDirectory directory, BillingStore billing, TimeProvider time)
{
    /// <summary>Columns the bills file must have.</summary>
    public static readonly string[] Columns = ["account_no", "period", "amount", "paid", "settled_on", "due_on"];

    private const int CheckBatch = 1_000;

    /// <summary>Checks, then (unless <paramref name="dryRun"/> or there were errors) imports the file.</summary>
    public async Task<ImportResult> ImportAsync(string path, ImportProgress progress, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var name = Path.GetFileName(path);
        var stamp = FileStamp.Of(path);
        var errors = new ImportErrors();
        var byPeriod = new Dictionary<string, PeriodTally>(StringComparer.Ordinal);
        var firstLine = new Dictionary<long, int>();
        var pending = new List<(string Account, int Line)>(CheckBatch);
        long rows = 0;

        progress.Begin($"checking {name}");
        using (var csv = CsvReader.Open(path))
        {
            try
            {
                (await csv.ReadHeaderAsync(cancellationToken)).Require(Columns);
                await foreach (var row in csv.ReadRowsAsync(cancellationToken))
                {
                    rows++;
                    progress.Report(rows);
                    try
                    {
                        var bill = Parse(row);
                        var start = CsvFields.Period(row).Start;
                        if (!firstLine.TryAdd(CsvFields.BillKey(bill.AccountNo, start), row.Line))
                        {
                            throw row.Error("period", $"the account's bill for it is already on line {firstLine[CsvFields.BillKey(bill.AccountNo, start)]}");
                        }

                        if (!byPeriod.TryGetValue(bill.Period, out var tally)) byPeriod[bill.Period] = tally = new PeriodTally();
                        tally.Add(bill);
                        pending.Add((bill.AccountNo, row.Line));
                        if (pending.Count == CheckBatch) await CheckCustomersAsync(pending, name, errors);
                    }
                    catch (CsvException ex)
                    {
                        errors.Add(ex);
                    }
                }

                await CheckCustomersAsync(pending, name, errors);
            }
            catch (CsvException ex)
            {
                errors.Add(ex); // the file's structure is broken here: stop reading, keep what was found
            }
        }

        progress.End(rows);
        var periods = byPeriod.ToDictionary(p => p.Key, p => p.Value.Rows, StringComparer.Ordinal);
        if (errors.Count > 0 || dryRun) return new ImportResult(name, rows, errors.Listed, errors.Count, 0, 0, periods);
        if (FileStamp.Of(path) != stamp) return Changed(name, rows, periods);

        progress.Begin($"importing {name}");
        var written = await directory.SaveBillsAsync(ReadAsync(path, progress, cancellationToken), cancellationToken);
        progress.End(written);
        // The import time lets the reminder job give bills that came after a stage's send time that stage today.
        var importedAt = time.GetUtcNow();
        foreach (var (period, tally) in byPeriod) await billing.RecordPeriodAsync(period, tally.Dates with { ImportedAt = importedAt });
        return new ImportResult(name, rows, [], 0, written, 0, periods);
    }

    internal static ImportResult Changed(string name, long rows, IReadOnlyDictionary<string, long> periods) =>
        new(name, rows, [new CsvException(name, 1, null, "the file changed while it was being checked; nothing was imported, run the import again")], 1, 0, 0, periods);

    private static Bill Parse(CsvRow row)
    {
        var account = CsvFields.AccountNo(row);
        var (period, start) = CsvFields.Period(row);
        var bill = new Bill(account, period, CsvFields.Money(row, "amount"), CsvFields.Money(row, "paid"), row.GetDate("settled_on"), row.GetDate("due_on"));
        if (bill.SettledOn < start) throw row.Error("settled_on", $"is before the period {period} starts");
        if (bill.DueOn < bill.SettledOn) throw row.Error("due_on", "is before settled_on");
        return bill;
    }

    private async Task CheckCustomersAsync(List<(string Account, int Line)> pending, string name, ImportErrors errors)
    {
        var exists = pending.Select(p => store.Db.HashExistsAsync(GridKeys.Of(store).Customers, p.Account)).ToArray();
        for (var i = 0; i < pending.Count; i++)
        {
            if (!await exists[i]) errors.Add(new CsvException(name, pending[i].Line, "account_no", "is not a known customer; import the customer first", pending[i].Account));
        }

        pending.Clear();
    }

    private static async IAsyncEnumerable<Bill> ReadAsync(string path, ImportProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var csv = CsvReader.Open(path);
        long rows = 0;
        await foreach (var row in csv.ReadRowsAsync(cancellationToken))
        {
            progress.Report(++rows);
            yield return Parse(row);
        }
    }

    private sealed class PeriodTally
    {
        private readonly HashSet<DateOnly> _settled = [];
        private readonly HashSet<DateOnly> _due = [];

        public long Rows { get; private set; }

        public PeriodDates Dates => new([.. _settled.Order()], [.. _due.Order()]);

        public void Add(Bill bill)
        {
            Rows++;
            _settled.Add(bill.SettledOn);
            _due.Add(bill.DueOn);
        }
    }
}
