using System.Globalization;

namespace GridService.Core.Csv;

/// <summary>
/// One data row with typed access by column name. Values are trimmed; every failure is a
/// <see cref="CsvException"/> naming the file, the row's line and the column.
/// </summary>
public sealed class CsvRow
{
    private static readonly string[] LocalTimeFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];
    private static readonly string[] OffsetTimeFormats = [.. LocalTimeFormats.Select(f => f + "zzz")];

    private readonly CsvHeader _header;
    private readonly string[] _values;

    internal CsvRow(CsvHeader header, string fileName, int line, string[] values)
    {
        _header = header;
        FileName = fileName;
        Line = line;
        _values = values;
    }

    /// <summary>The file's name.</summary>
    public string FileName { get; }

    /// <summary>1-based line number the row starts on.</summary>
    public int Line { get; }

    /// <summary>The raw, untrimmed value of a column.</summary>
    public string this[string field]
    {
        get
        {
            var i = _header.IndexOf(field);
            return i >= 0 ? _values[i] : throw new CsvException(FileName, Line, field, "column is missing from the header");
        }
    }

    /// <summary>An error about this row's <paramref name="field"/>, carrying its (masked) value.</summary>
    public CsvException Error(string field, string reason) => new(FileName, Line, field, reason, this[field].Trim());

    /// <summary>A required text value.</summary>
    public string GetString(string field)
    {
        var value = this[field].Trim();
        return value.Length > 0 ? value : throw new CsvException(FileName, Line, field, "is required");
    }

    /// <summary>
    /// A required text value of at most <paramref name="maxLength"/> characters: a record that could not be shown in a
    /// message (a 17,000-character name) is refused at import rather than breaking every later run that renders it.
    /// </summary>
    public string GetString(string field, int maxLength)
    {
        var value = GetString(field);
        return value.Length <= maxLength ? value : throw new CsvException(FileName, Line, field, $"is longer than {maxLength} characters ({value.Length})");
    }

    /// <summary>A text value, or null when empty.</summary>
    public string? GetOptionalString(string field)
    {
        var value = this[field].Trim();
        return value.Length > 0 ? value : null;
    }

    /// <summary>One of <typeparamref name="T"/>'s names, in any case; numbers are refused.</summary>
    public T GetEnum<T>(string field) where T : struct, Enum
    {
        var value = GetString(field);
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase)) return Enum.Parse<T>(name);
        }

        throw Error(field, $"must be one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
    }

    /// <summary>A decimal number with a point (<c>123.45</c>).</summary>
    public decimal GetDecimal(string field) =>
        decimal.TryParse(GetString(field), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
            ? d : throw Error(field, "is not a number like 123.45");

    /// <summary>A whole number.</summary>
    public int GetInt32(string field) =>
        int.TryParse(GetString(field), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n : throw Error(field, "is not a whole number");

    /// <summary>true/false, yes/no or 1/0; <paramref name="ifEmpty"/> when empty.</summary>
    public bool GetBoolean(string field, bool ifEmpty = false) => GetOptionalString(field)?.ToLowerInvariant() switch
    {
        null => ifEmpty,
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => throw Error(field, "must be true or false"),
    };

    /// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
    public DateOnly GetDate(string field) =>
        DateOnly.TryParseExact(GetString(field), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw Error(field, "is not a date like 2026-11-15");

    /// <summary>
    /// A time as <c>yyyy-MM-dd HH:mm</c> in <paramref name="zone"/>, or with an explicit offset
    /// (<c>2026-11-28T08:00+08:00</c>); returned in UTC.
    /// </summary>
    public DateTimeOffset GetTime(string field, TimeZoneInfo zone)
    {
        var value = GetString(field);
        if (DateTimeOffset.TryParseExact(value, OffsetTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset.ToUniversalTime();
        }

        if (!DateTime.TryParseExact(value, LocalTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw Error(field, "is not a time like 2026-11-28 08:00");
        }

        if (zone.IsInvalidTime(local)) throw Error(field, $"does not exist in {zone.Id} (clocks skip it)");
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>A list separated by <paramref name="separator"/>, items trimmed, empties dropped.</summary>
    public IReadOnlyList<string> GetList(string field, char separator = ';') =>
        this[field].Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
