using System.Text.RegularExpressions;

namespace GridService.Core.Csv;

/// <summary>
/// A CSV file a user supplied is wrong at one place: the message reads <c>file:line: field 'x': reason</c> so the
/// user can open the file and fix it. Values that look like phone or account numbers are masked.
/// </summary>
public sealed partial class CsvException : Exception
{
    /// <summary>Creates the error for <paramref name="fileName"/> at <paramref name="line"/>.</summary>
    /// <param name="fileName">The file's name as the user knows it.</param>
    /// <param name="line">1-based line number where the row starts.</param>
    /// <param name="field">The column, or null when the whole row is wrong.</param>
    /// <param name="reason">What is wrong, in one phrase.</param>
    /// <param name="value">The bad value, if any; it is masked before it is kept.</param>
    public CsvException(string fileName, int line, string? field, string reason, string? value = null)
        : base(Format(fileName, line, field, reason, value is null ? null : Mask(value)))
    {
        FileName = fileName;
        Line = line;
        Field = field;
        Reason = reason;
        Value = value is null ? null : Mask(value);
    }

    /// <summary>The file's name.</summary>
    public string FileName { get; }

    /// <summary>1-based line number where the bad row starts.</summary>
    public int Line { get; }

    /// <summary>The bad column, or null for a row-level error.</summary>
    public string? Field { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    /// <summary>The bad value, masked when it looks like a phone or account number.</summary>
    public string? Value { get; }

    /// <summary>
    /// Masks every run of 7 or more digits but its last 4 (<c>13800001234</c> → <c>*******1234</c>), so phone and
    /// account numbers never reach logs or consoles whole.
    /// </summary>
    public static string Mask(string value) =>
        LongDigitRun().Replace(value, m => new string('*', m.Length - 4) + m.Value[^4..]);

    private static string Format(string fileName, int line, string? field, string reason, string? maskedValue)
    {
        var where = field is null ? $"{fileName}:{line}" : $"{fileName}:{line}: field '{field}'";
        return maskedValue is null ? $"{where}: {reason}" : $"{where}: {reason} (value '{maskedValue}')";
    }

    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex LongDigitRun();
}
