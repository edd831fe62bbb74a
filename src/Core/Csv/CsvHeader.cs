namespace GridService.Core.Csv;

/// <summary>The column names of a CSV file, looked up without regard to case.</summary>
public sealed class CsvHeader
{
    private readonly Dictionary<string, int> _ordinals;

    private CsvHeader(string fileName, int line, IReadOnlyList<string> names, Dictionary<string, int> ordinals)
    {
        FileName = fileName;
        Line = line;
        Names = names;
        _ordinals = ordinals;
    }

    /// <summary>The file's name.</summary>
    public string FileName { get; }

    /// <summary>The line the header is on (1 unless blank lines precede it).</summary>
    public int Line { get; }

    /// <summary>Column names in file order, trimmed.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of columns.</summary>
    public int Count => Names.Count;

    /// <summary>The column's position, or -1.</summary>
    public int IndexOf(string name) => _ordinals.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Fails on the header line when any of <paramref name="names"/> is missing.</summary>
    public void Require(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (!_ordinals.ContainsKey(name)) throw new CsvException(FileName, Line, name, "column is missing from the header");
        }
    }

    internal static CsvHeader Create(string fileName, int line, string[] values)
    {
        var names = values.Select(v => v.Trim()).ToArray();
        var ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0) throw new CsvException(fileName, line, null, $"column {i + 1} of the header has no name");
            if (!ordinals.TryAdd(names[i], i)) throw new CsvException(fileName, line, names[i], "column appears twice in the header");
        }

        return new CsvHeader(fileName, line, names, ordinals);
    }
}
