using GridService.Core.Csv;

namespace GridService.Notifier.Billing;

/// <summary>Errors found while checking a file: the first <see cref="ImportResult.MaxListedErrors"/> kept, all counted.</summary>
internal sealed class ImportErrors
{
    private readonly List<CsvException> _listed = [];

    public long Count { get; private set; }

    public void Add(CsvException error)
    {
        Count++;
        if (_listed.Count < ImportResult.MaxListedErrors) _listed.Add(error);
    }

    /// <summary>The kept errors in line order (batched checks report lines out of order).</summary>
    public IReadOnlyList<CsvException> Listed => [.. _listed.OrderBy(e => e.Line)];
}

/// <summary>The file's size and time, to refuse a second pass over a file that changed after the check.</summary>
internal readonly record struct FileStamp(long Length, DateTime WrittenUtc)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return new FileStamp(info.Length, info.LastWriteTimeUtc);
    }
}
