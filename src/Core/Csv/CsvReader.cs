using System.Runtime.CompilerServices;
using System.Text.Unicode;
using CsvHelper;
using Helper = CsvHelper;

namespace GridService.Core.Csv;

/// <summary>
/// Reads a CSV file one row at a time with CsvHelper (RFC 4180: quoted fields with commas, line breaks and doubled
/// quotes; CRLF, LF or CR line ends; UTF-8 with or without a BOM; blank lines skipped): a header row, then records of
/// the same width. What CsvHelper would recover from quietly (a stray or unclosed quote, a short row, bytes that are
/// not UTF-8) is refused instead. Only CsvHelper's buffer is held, so a million-row file streams.
/// </summary>
/// <remarks>Every error is a <see cref="CsvException"/> naming the file and the physical line.</remarks>
public sealed class CsvReader : IDisposable
{
    /// <summary>Longest row accepted, in UTF-8 bytes: a stray quote must not swallow a million-row file into one field.</summary>
    public const int MaxRowBytes = 64 * 1024;

    private readonly Helper.CsvReader _csv;
    private CsvMalformedRecord? _malformed;
    private CsvHeader? _header;

    /// <summary>Reads CSV from <paramref name="reader"/>; <paramref name="fileName"/> is what errors name.</summary>
    public CsvReader(TextReader reader, string fileName, bool leaveOpen = false)
        : this(fileName, options => Helper.CsvReader.Create(reader, options, leaveOpen))
    {
    }

    private CsvReader(string fileName, Func<CsvReaderOptions, Helper.CsvReader> open)
    {
        FileName = fileName;
        _csv = open(CsvReaderOptions.Default with
        {
            Separator = ',', // never guessed: a one-column file holding a ';' must not split
            HasHeader = false, // the header is read as a record, so its quoting errors are located like any row's
            TrackLineNumbers = true,
            MaxRecordSize = MaxRowBytes,
            OnMalformedRecord = record => _malformed ??= record,
        });
    }

    /// <summary>Opens a UTF-8 file (BOM optional) for streaming; errors name the file without its directory.</summary>
    public static CsvReader Open(string path) => new(Path.GetFileName(path), options => Helper.CsvReader.FromFile(path, options));

    /// <summary>The file's name as errors show it.</summary>
    public string FileName { get; }

    /// <summary>Reads the header row (once); fails when the file is empty or a column name is blank or repeated.</summary>
    public async ValueTask<CsvHeader> ReadHeaderAsync(CancellationToken cancellationToken = default)
    {
        if (_header is not null) return _header;
        if (!await ReadAsync(cancellationToken)) throw new CsvException(FileName, 1, null, "the file is empty; expected a header row");
        _header = CsvHeader.Create(FileName, Line, _csv.Current.ToArray());
        return _header;
    }

    /// <summary>The data rows after the header, each with the line it starts on.</summary>
    public async IAsyncEnumerable<CsvRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var header = await ReadHeaderAsync(cancellationToken);
        while (await ReadAsync(cancellationToken))
        {
            if (_csv.FieldCount != header.Count)
            {
                throw new CsvException(FileName, Line, null, $"expected {header.Count} fields as in the header, found {_csv.FieldCount}");
            }

            yield return new CsvRow(header, FileName, Line, _csv.Current.ToArray());
        }
    }

    private int Line => (int)_csv.LineNumber;

    private async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _csv.ReadAsync(cancellationToken)) return false;
        }
        catch (CsvFormatException ex)
        {
            // Quoting is recovered and any field count allowed, so the one refusal left is MaxRecordSize.
            throw TooLong((int)ex.LineNumber);
        }

        var raw = _csv.RawRecord;
        if (!Utf8.IsValid(raw)) throw new CsvException(FileName, Line, null, "the file is not UTF-8 text; save it as \"CSV UTF-8\"");
        if (_malformed is { } malformed) throw Malformed(malformed, raw);
        if (raw.Length > MaxRowBytes) throw TooLong(Line); // CsvHelper checks only rows that outgrow its buffer
        return true;
    }

    private CsvException TooLong(int line) =>
        new(FileName, line, null, $"the row runs past {MaxRowBytes} bytes; is a closing quote missing?");

    // CsvHelper gives the problem's byte offset; the raw fields lie one separator apart, so it names the field and the line.
    private CsvException Malformed(CsvMalformedRecord malformed, ReadOnlySpan<byte> raw)
    {
        var last = _csv.FieldCount - 1;
        var at = Math.Clamp(malformed.Reason == CsvMalformedReason.UnterminatedQuote
            ? raw.Length - _csv.GetRawSpan(last).Length // the quote that opens the last field
            : (int)(malformed.ByteOffset - _csv.ByteOffset), 0, raw.Length);
        var field = 0;
        for (var end = _csv.GetRawSpan(0).Length; at > end && field < last;) end += 1 + _csv.GetRawSpan(++field).Length;

        var before = raw[..at];
        var line = Line + before.Count((byte)'\n') + before.Count((byte)'\r') - before.Count("\r\n"u8);
        return new CsvException(FileName, line, null, malformed.Reason switch
        {
            CsvMalformedReason.UnterminatedQuote => "a quoted field is not closed before the end of the file",
            CsvMalformedReason.StrayQuote => $"a quote inside unquoted field {field + 1}; quote the whole field and double the quote",
            CsvMalformedReason.TextAfterClosingQuote => $"unexpected text after the closing quote of field {field + 1}",
            var reason => $"field {field + 1} is malformed ({reason})",
        });
    }

    /// <inheritdoc />
    public void Dispose() => _csv.Dispose();
}
