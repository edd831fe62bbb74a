using System.Runtime.CompilerServices;
using System.Text;

namespace GridService.Core.Csv;

/// <summary>
/// Reads RFC 4180 CSV one row at a time: a header row, then records of the same width; fields quoted or not,
/// <c>""</c> for a quote inside quotes, newlines inside quoted fields, CRLF, LF or CR line ends, UTF-8 with or
/// without a BOM. Blank lines are skipped. Only one buffer is held, so a million-row file streams.
/// </summary>
/// <remarks>Every error is a <see cref="CsvException"/> naming the file and the line the row starts on.</remarks>
public sealed class CsvReader : IDisposable
{
    private const int BufferSize = 16 * 1024;

    /// <summary>Longest field accepted: a stray quote must not swallow a million-row file into one field.</summary>
    public const int MaxFieldLength = 64 * 1024;

    // Strict UTF-8: a file saved by Excel as GBK/ANSI must fail loudly rather than load as mojibake.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly TextReader _reader;
    private readonly bool _leaveOpen;
    private readonly char[] _buffer = new char[BufferSize];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private int _line = 1;
    private bool _atStart = true;
    private bool _afterCr;
    private CsvHeader? _header;

    /// <summary>Reads CSV from <paramref name="reader"/>; <paramref name="fileName"/> is what errors name.</summary>
    public CsvReader(TextReader reader, string fileName, bool leaveOpen = false)
    {
        _reader = reader;
        FileName = fileName;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Opens a UTF-8 file (BOM optional) for streaming; errors name the file without its directory.</summary>
    public static CsvReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        return new CsvReader(new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true), Path.GetFileName(path));
    }

    /// <summary>The file's name as errors show it.</summary>
    public string FileName { get; }

    /// <summary>Reads the header row (once); fails when the file is empty or a column name is blank or repeated.</summary>
    public async ValueTask<CsvHeader> ReadHeaderAsync(CancellationToken cancellationToken = default)
    {
        if (_header is not null) return _header;
        var (names, line) = await ReadRecordAsync(cancellationToken)
            ?? throw new CsvException(FileName, _line, null, "the file is empty; expected a header row");
        _header = CsvHeader.Create(FileName, line, names);
        return _header;
    }

    /// <summary>The data rows after the header, each with the line it starts on.</summary>
    public async IAsyncEnumerable<CsvRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var header = await ReadHeaderAsync(cancellationToken);
        while (await ReadRecordAsync(cancellationToken) is var (values, line))
        {
            if (values.Count != header.Count)
            {
                throw new CsvException(FileName, line, null, $"expected {header.Count} fields as in the header, found {values.Count}");
            }

            yield return new CsvRow(header, FileName, line, [.. values]);
        }
    }

    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted }

    // One record, or null at the end of the file. Lines are counted for every CRLF, LF or lone CR, quoted or not.
    private async ValueTask<(List<string> Values, int Line)?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        var values = new List<string>();
        var state = State.FieldStart;
        var startLine = _line;
        var quoteLine = _line;
        _field.Clear();
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken))
            {
                if (state == State.Quoted)
                {
                    throw new CsvException(FileName, quoteLine, null, "a quoted field is not closed before the end of the file");
                }

                if (state == State.FieldStart && values.Count == 0) return null;
                values.Add(_field.ToString());
                return (values, startLine);
            }

            var c = _buffer[_position++];
            var afterCr = _afterCr;
            _afterCr = c == '\r';
            if (afterCr && c == '\n')
            {
                if (state == State.Quoted) _field.Append(c);
                continue; // the LF of a CRLF already counted
            }

            var newline = c is '\r' or '\n';
            if (newline) _line++;
            switch (state)
            {
                case State.FieldStart when newline && values.Count == 0:
                    startLine = _line; // blank line
                    break;
                case State.FieldStart or State.Unquoted or State.QuoteInQuoted when newline:
                    values.Add(_field.ToString());
                    return (values, startLine);
                case State.FieldStart or State.Unquoted or State.QuoteInQuoted when c == ',':
                    values.Add(_field.ToString());
                    _field.Clear();
                    state = State.FieldStart;
                    break;
                case State.FieldStart when c == '"':
                    state = State.Quoted;
                    quoteLine = _line;
                    break;
                case State.FieldStart or State.Unquoted when c == '"':
                    throw new CsvException(
                        FileName, _line, null, $"a quote inside unquoted field {values.Count + 1}; quote the whole field and double the quote");
                case State.Unquoted when _field.Length >= MaxFieldLength:
                    throw new CsvException(FileName, startLine, null, $"field {values.Count + 1} runs past {MaxFieldLength} characters");
                case State.FieldStart or State.Unquoted:
                    _field.Append(c);
                    state = State.Unquoted;
                    break;
                case State.Quoted when c == '"':
                    state = State.QuoteInQuoted;
                    break;
                case State.Quoted when _field.Length >= MaxFieldLength:
                    throw new CsvException(
                        FileName, quoteLine, null, $"a quoted field runs past {MaxFieldLength} characters; is its closing quote missing?");
                case State.Quoted:
                    _field.Append(c);
                    break;
                case State.QuoteInQuoted when c == '"':
                    _field.Append('"');
                    state = State.Quoted;
                    break;
                case State.QuoteInQuoted:
                    throw new CsvException(FileName, _line, null, $"unexpected text after the closing quote of field {values.Count + 1}");
            }
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        do
        {
            try
            {
                _length = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                throw new CsvException(FileName, _line, null, "the file is not UTF-8 text; save it as \"CSV UTF-8\"");
            }

            _position = 0;
            if (_length == 0) return false;
            if (_atStart)
            {
                _atStart = false;
                if (_buffer[0] == '\uFEFF') _position = 1; // a BOM the TextReader did not strip
            }
        }
        while (_position == _length);

        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen) _reader.Dispose();
    }
}
