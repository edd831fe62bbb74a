using System.Text;
using GridService.Core.Csv;
using GridService.Core.Domain;

namespace GridService.Core.Tests.Csv;

public sealed class CsvReaderTests
{
    private static async Task<List<CsvRow>> ReadAsync(string text, string fileName = "test.csv")
    {
        using var csv = new CsvReader(new StringReader(text), fileName);
        var rows = new List<CsvRow>();
        await foreach (var row in csv.ReadRowsAsync()) rows.Add(row);
        return rows;
    }

    private static async Task<List<CsvRow>> ReadBytesAsync(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"csv-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            using var csv = CsvReader.Open(path);
            var rows = new List<CsvRow>();
            await foreach (var row in csv.ReadRowsAsync()) rows.Add(row);
            return rows;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadRows_QuotedFields_UnquotesAndKeepsCommasAndDoubledQuotes()
    {
        var rows = await ReadAsync("name,address\n\"张三\",\"幸福里小区3号楼, 2单元\"\n\"他说\"\"停电了\"\"\",x\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal("张三", rows[0]["name"]);
        Assert.Equal("幸福里小区3号楼, 2单元", rows[0]["address"]);
        Assert.Equal("他说\"停电了\"", rows[1]["name"]);
    }

    [Fact]
    public async Task ReadRows_EmbeddedNewlines_KeepsTextAndCountsLines()
    {
        var rows = await ReadAsync("id,scope\r\n1,\"第一行\r\n第二行\nthird\"\r\n2,after\r\n");

        Assert.Equal("第一行\r\n第二行\nthird", rows[0]["scope"]);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(5, rows[1].Line);
    }

    [Fact]
    public async Task ReadRows_CrLfLfAndBlankLines_GivesPhysicalLineNumbers()
    {
        var rows = await ReadAsync("a,b\r\n1,2\n\r\n3,4\r5,6");

        Assert.Equal([2, 4, 5], rows.Select(r => r.Line));
        Assert.Equal(["2", "4", "6"], rows.Select(r => r["b"]));
    }

    [Fact]
    public async Task ReadRows_EmptyTrailingFields_AreEmptyStrings()
    {
        var rows = await ReadAsync("a,b,c\n1,,\n,\"\",3\n");

        Assert.Equal(["1", "", ""], [rows[0]["a"], rows[0]["b"], rows[0]["c"]]);
        Assert.Equal(["", "", "3"], [rows[1]["a"], rows[1]["b"], rows[1]["c"]]);
        Assert.Null(rows[0].GetOptionalString("b"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Open_Utf8WithOrWithoutBom_ReadsHeaderCleanly(bool bom)
    {
        var body = Encoding.UTF8.GetBytes("账号,姓名\r\n3101000001,王秀英\r\n");
        var bytes = bom ? [0xEF, 0xBB, 0xBF, .. body] : body;

        var rows = await ReadBytesAsync(bytes);

        Assert.Equal("王秀英", Assert.Single(rows)["姓名"]);
        Assert.Equal("3101000001", rows[0]["账号"]);
    }

    [Fact]
    public async Task ReadRows_BomInTextReader_IsStripped()
    {
        var rows = await ReadAsync("\uFEFFid\n7\n");

        Assert.Equal("7", Assert.Single(rows)["id"]);
    }

    [Fact]
    public async Task Open_GbkBytes_ReportsNotUtf8()
    {
        // "王" in GBK is 0xCD 0xF5, which is not valid UTF-8.
        byte[] bytes = [.. "id,name\n1,"u8, 0xCD, 0xF5, .. "\n"u8];

        var ex = await Assert.ThrowsAsync<CsvException>(() => ReadBytesAsync(bytes));

        Assert.Contains("not UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRows_WrongColumnCount_ReportsLine()
    {
        var ex = await Assert.ThrowsAsync<CsvException>(() => ReadAsync("a,b\n1,2\n\"x\ny\",2\n3\n", "bills.csv"));

        Assert.Equal(5, ex.Line);
        Assert.Equal("bills.csv", ex.FileName);
        Assert.StartsWith("bills.csv:5: expected 2 fields as in the header, found 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b\n1,\"open\n", 2, "not closed")]
    [InlineData("a,b\n1,ab\"c\n", 2, "quote inside unquoted")]
    [InlineData("a,b\n1,\"ab\"c\n", 2, "after the closing quote")]
    [InlineData("", 1, "empty")]
    [InlineData("a,,b\n", 1, "no name")]
    [InlineData("a,A\n", 1, "twice")]
    public async Task ReadRows_MalformedInput_ReportsLineAndReason(string text, int line, string reason)
    {
        var ex = await Assert.ThrowsAsync<CsvException>(() => ReadAsync(text));

        Assert.Equal(line, ex.Line);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b,c\n1,\"x\ny\",ab\"c\n", 3, "a quote inside unquoted field 3")]
    [InlineData("a,b,c\n1,\"x\ny\",\"ab\"c\n", 3, "unexpected text after the closing quote of field 3")]
    [InlineData("a,b\n\"x\r\ny\",\"open\nmore\n", 3, "not closed")]
    [InlineData("a,b\"c\n1,2\n", 1, "a quote inside unquoted field 2")]
    public async Task ReadRows_QuotingErrorAfterMultiLineField_NamesTheLineAndFieldOfTheProblem(string text, int line, string reason)
    {
        // CsvHelper reports a quoting problem by the row's first line; the user needs the line the bad quote is on.
        var ex = await Assert.ThrowsAsync<CsvException>(() => ReadAsync(text));

        Assert.Equal(line, ex.Line);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRows_LongRowThatFitsTheBuffer_IsRefusedAllTheSame()
    {
        var text = $"n,text\n1,\"{new string('x', CsvReader.MaxRowBytes)}\"\n";

        var ex = await Assert.ThrowsAsync<CsvException>(() => ReadAsync(text));

        Assert.Equal(2, ex.Line);
        Assert.Contains($"runs past {CsvReader.MaxRowBytes} bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_GbkBytesOnALaterLine_ReportsThatLine()
    {
        byte[] bytes = [.. "id,name\n1,ok\n\"2\",\"a\nb\"\n3,"u8, 0xCD, 0xF5, .. "\n"u8];

        var ex = await Assert.ThrowsAsync<CsvException>(() => ReadBytesAsync(bytes));

        Assert.Equal(5, ex.Line);
    }

    [Theory]
    [InlineData("kind\n1;2\n", "kind", "1;2")]
    [InlineData("sep=;\na;b\n", "sep=;", "a;b")]
    public async Task ReadRows_OtherSeparators_AreNeverGuessed(string text, string column, string value) =>
        Assert.Equal(value, Assert.Single(await ReadAsync(text))[column]);

    [Fact]
    public async Task ReadRows_StrayQuoteBeforeManyRows_FailsAtTheQuoteLineWithoutReadingOn()
    {
        // The quote on line 3 never closes; the reader stops once the field is implausibly long.
        using var csv = new CsvReader(new EndlessRows(failAfter: 10_000, prefix: "n,text\r\n1,ok\r\n2,\"oops\r\n", quoted: false), "big.csv");

        var ex = await Assert.ThrowsAsync<CsvException>(async () => { await foreach (var _ in csv.ReadRowsAsync()) { } });

        Assert.Equal(3, ex.Line);
        Assert.Contains("closing quote missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedAccess_BadValues_NameFieldAndMaskNumbers()
    {
        var row = Assert.Single(await ReadAsync("phone,amount,kind,due,start\n138000O1234,12.3x,urbanish,2026-13-01,2026-11-28 8am\n", "c.csv"));

        var amount = Assert.Throws<CsvException>(() => row.GetDecimal("amount"));
        Assert.Equal("c.csv:2: field 'amount': is not a number like 123.45 (value '12.3x')", amount.Message);
        Assert.Equal("amount", amount.Field);
        Assert.Contains("urban, rural, remote", Assert.Throws<CsvException>(() => row.GetEnum<AreaKind>("kind")).Message, StringComparison.Ordinal);
        Assert.Equal("due", Assert.Throws<CsvException>(() => row.GetDate("due")).Field);
        Assert.Equal("start", Assert.Throws<CsvException>(() => row.GetTime("start", TimeZoneInfo.Utc)).Field);
        Assert.Equal("missing", Assert.Throws<CsvException>(() => row.GetString("missing")).Field);
    }

    [Theory]
    [InlineData("13800001234", "*******1234")]
    [InlineData("account 3101000001 owes", "account ******0001 owes")]
    [InlineData("12.3x", "12.3x")]
    [InlineData("123456", "123456")]
    public void Mask_LongDigitRuns_KeepsLastFour(string value, string masked) =>
        Assert.Equal(masked, CsvException.Mask(value));

    [Fact]
    public async Task Error_PhoneValue_IsMaskedInMessage()
    {
        var row = Assert.Single(await ReadAsync("phone\n13800001234\n"));

        var ex = row.Error("phone", "is not a mobile number");

        Assert.DoesNotContain("13800001234", ex.Message, StringComparison.Ordinal);
        Assert.Equal("*******1234", ex.Value);
    }

    [Fact]
    public async Task TypedAccess_GoodValues_Parse()
    {
        var row = Assert.Single(await ReadAsync("kind,amount,due,start,utc,areas,flag\nRURAL,-12.50,2026-11-15,2026-11-28 08:00,2026-11-28T08:00+08:00, A01 ;A02;,yes\n"));
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        Assert.Equal(AreaKind.Rural, row.GetEnum<AreaKind>("kind"));
        Assert.Equal(-12.50m, row.GetDecimal("amount"));
        Assert.Equal(new DateOnly(2026, 11, 15), row.GetDate("due"));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), row.GetTime("start", shanghai));
        Assert.Equal(row.GetTime("start", shanghai), row.GetTime("utc", TimeZoneInfo.Utc));
        Assert.Equal(["A01", "A02"], row.GetList("areas"));
        Assert.True(row.GetBoolean("flag"));
    }

    [Fact]
    public async Task ReadRows_NumericEnumValue_IsRefused()
    {
        var row = Assert.Single(await ReadAsync("kind\n1\n"));

        Assert.Throws<CsvException>(() => row.GetEnum<AreaKind>("kind"));
    }

    [Fact]
    public async Task RequireColumns_Missing_ReportsHeaderLineAndField()
    {
        using var csv = new CsvReader(new StringReader("id,name\n1,x\n"), "areas.csv");
        var header = await csv.ReadHeaderAsync();

        var ex = Assert.Throws<CsvException>(() => header.Require("id", "kind"));

        Assert.Equal("areas.csv:1: field 'kind': column is missing from the header", ex.Message);
    }

    [Fact]
    public async Task ReadRows_StopsEarly_DoesNotReadTheRest()
    {
        // A reader that fails past 5,000 rows proves rows are produced as they are read, not after the whole file.
        using var csv = new CsvReader(new EndlessRows(failAfter: 5_000), "big.csv");
        var taken = 0;
        await foreach (var row in csv.ReadRowsAsync())
        {
            Assert.Equal(taken + 2, row.Line);
            if (++taken == 500) break;
        }

        Assert.Equal(500, taken);
    }

    [Fact]
    public async Task ReadRows_ManyRowsAcrossBuffers_ReadsAll()
    {
        using var csv = new CsvReader(new EndlessRows(failAfter: 200_000, stopAt: 200_000), "big.csv");
        long count = 0, sum = 0;
        await foreach (var row in csv.ReadRowsAsync())
        {
            count++;
            sum += row.GetInt32("n");
        }

        Assert.Equal(200_000, count);
        Assert.Equal(200_000L * 199_999 / 2, sum);
    }

    /// <summary>Produces <c>n,"quoted, text"</c> (or unquoted) rows on demand; throws if asked for more than it allows.</summary>
    private sealed class EndlessRows(int failAfter, int stopAt = int.MaxValue, string prefix = "n,text\r\n", bool quoted = true)
        : TextReader
    {
        private string _pending = prefix;
        private int _next;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            // Fill the whole buffer so rows straddle buffer boundaries.
            var written = 0;
            while (written < buffer.Length)
            {
                if (_pending.Length == 0)
                {
                    if (_next >= stopAt) break;
                    if (_next >= failAfter) throw new InvalidOperationException("read too far");
                    _pending = quoted ? $"{_next++},\"row, {_next}\"\r\n" : $"{_next++},row {_next}\r\n";
                }

                var n = Math.Min(buffer.Length - written, _pending.Length);
                _pending.AsSpan(0, n).CopyTo(buffer[written..]);
                _pending = _pending[n..];
                written += n;
            }

            return written;
        }

        public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
