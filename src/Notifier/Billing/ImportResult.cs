using GridService.Core.Csv;

namespace GridService.Notifier.Billing;

/// <summary>What an import did, or why it wrote nothing.</summary>
/// <param name="File">The file's name.</param>
/// <param name="Rows">Data rows read.</param>
/// <param name="Errors">The first errors, each naming file, line and field.</param>
/// <param name="ErrorCount">All errors found (more than <paramref name="Errors"/> lists when there are many).</param>
/// <param name="Written">Rows written (bills saved, payments applied); 0 whenever there were errors.</param>
/// <param name="Skipped">Rows already in the store (payments applied by an earlier import).</param>
/// <param name="ByPeriod">Rows per billing period (per event for supply records).</param>
/// <param name="Notes">Rows applied rows could not be, and why (supply records the state refused).</param>
public sealed record ImportResult(
    string File, long Rows, IReadOnlyList<CsvException> Errors, long ErrorCount, long Written, long Skipped, IReadOnlyDictionary<string, long> ByPeriod,
    IReadOnlyList<string>? Notes = null)
{
    /// <summary>Errors listed at most; the count covers the rest.</summary>
    public const int MaxListedErrors = 100;

    /// <summary>True when the file was clean.</summary>
    public bool Ok => ErrorCount == 0;
}
