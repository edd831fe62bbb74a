using GridService.Core.Csv;

namespace GridService.Notifier.Billing;

/// <summary>
/// <c>import supply</c>: the crew's record of supply cut and restored (<c>account_no,event,at</c>, event
/// <c>disconnected</c> or <c>restored</c>). Every row is checked first and nothing is applied unless all are well
/// formed; then rows are applied in file order, each as the API would (a restoration of a paid customer queues their
/// reconnection message). A row the state refuses (restoring an account that is not cut) is listed and skipped.
/// </summary>
public sealed class SupplyImporter(ReconnectionService reconnection, Core.Grid.GridDirectory directory, Microsoft.Extensions.Options.IOptions<BillingOptions> options)
{
    /// <summary>Columns the supply file must have.</summary>
    public static readonly string[] Columns = ["account_no", "event", "at"];

    private static readonly string[] Events = ["disconnected", "restored"];

    private readonly TimeZoneInfo _zone = Zones.Find(options.Value.TimeZone);

    /// <summary>Checks, then (unless <paramref name="dryRun"/> or there were errors) applies the file.</summary>
    public async Task<ImportResult> ImportAsync(string path, ImportProgress progress, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var name = Path.GetFileName(path);
        var errors = new ImportErrors();
        var rows = new List<(string Account, string Event, DateTimeOffset At, int Line)>();
        progress.Begin($"checking {name}");
        using (var csv = CsvReader.Open(path))
        {
            try
            {
                (await csv.ReadHeaderAsync(cancellationToken)).Require(Columns);
                await foreach (var row in csv.ReadRowsAsync(cancellationToken))
                {
                    progress.Report(rows.Count + errors.Count);
                    try
                    {
                        var account = CsvFields.AccountNo(row);
                        var kind = row.GetString("event").ToLowerInvariant();
                        if (!Events.Contains(kind)) throw row.Error("event", "must be disconnected or restored");
                        var at = row.GetTime("at", _zone);
                        if (await directory.GetCustomerAsync(account) is null) throw row.Error("account_no", "is not a known customer");
                        rows.Add((account, kind, at, row.Line));
                    }
                    catch (CsvException ex)
                    {
                        errors.Add(ex);
                    }
                }
            }
            catch (CsvException ex)
            {
                errors.Add(ex);
            }
        }

        progress.End(rows.Count + errors.Count);
        var total = rows.Count + errors.Count;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { ["disconnected"] = rows.Count(r => r.Event == "disconnected"), ["restored"] = rows.Count(r => r.Event == "restored") };
        if (errors.Count > 0 || dryRun) return new ImportResult(name, total, errors.Listed, errors.Count, 0, 0, counts);

        var applied = 0;
        var notes = new List<string>();
        foreach (var (account, kind, at, line) in rows)
        {
            var refusal = kind == "disconnected"
                ? (await reconnection.DisconnectedAsync(account, at, "import:" + name)).Refusal
                : (await reconnection.RestoredAsync(account, at, "import:" + name)).Refusal;
            if (refusal is null) applied++;
            else notes.Add($"{name}:{line}: {kind} {Masking.MaskAccount(account)} skipped: {refusal.Detail}");
        }

        return new ImportResult(name, total, [], 0, applied, notes.Count, counts, notes);
    }
}
