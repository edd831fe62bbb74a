using GridService.Core.Csv;
using GridService.Core.Grid;
using GridService.Core.Samples;

namespace GridService.Core.Tests.Samples;

public sealed class SampleLoaderTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly string[] Files = ["staff.csv", "areas.csv", "groups.csv", "customers.csv", "bills.csv", "outages.csv"];

    [Fact]
    public void FindSamplesDirectory_FromTestOutput_FindsTheCopiedSamples()
    {
        var directory = SampleLoader.FindSamplesDirectory();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "samples"), directory);
        Assert.All(Files, f => Assert.True(File.Exists(Path.Combine(directory, f)), f));
    }

    [Fact]
    public async Task LoadAsync_RealSamples_CountsMatchFilesAndStore()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        var samples = SampleLoader.FindSamplesDirectory();

        var counts = await SampleLoader.LoadAsync(samples, directory, CancellationToken.None);

        // The sample files have no multi-line fields, so data rows are lines less the header.
        int Rows(string file) => File.ReadAllLines(Path.Combine(samples, file)).Count(l => l.Length > 0) - 1;
        Assert.Equal(new SampleCounts(Rows("staff.csv"), Rows("areas.csv"), Rows("groups.csv"), Rows("customers.csv"), Rows("bills.csv"), Rows("outages.csv")), counts);
        Assert.Equal(counts.Staff, (await directory.ListStaffAsync()).Count);
        Assert.Equal(counts.Groups, (await directory.ListGroupsAsync()).Count);
        var areas = await directory.ListAreasAsync();
        Assert.Equal(counts.Areas, areas.Count);
        var perArea = new List<int>();
        foreach (var area in areas) perArea.Add((await directory.CustomersOfAreaAsync(area.Id)).Count);
        Assert.Equal(counts.Customers, perArea.Sum());
        var bills = 0;
        foreach (var period in new[] { "2026-09", "2026-10" })
        {
            await foreach (var _ in directory.BillsAsync(period)) bills++;
        }

        Assert.Equal(counts.Bills, bills);
        Assert.False(await directory.IsEmptyAsync());
        Assert.Equal(SampleLoader.SeedSource, await directory.SeededFromAsync());
    }

    [Fact]
    public async Task LoadAsync_RealSamples_LookupsWork()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);

        await SampleLoader.LoadAsync(SampleLoader.FindSamplesDirectory(), directory, CancellationToken.None);

        var customer = await directory.CustomerByChatUserAsync("u-xfl-001");
        Assert.Equal("A01", customer?.AreaId);
        Assert.Equal(["grp-xingfuli"], (await directory.GroupsOfAreaAsync("A01")).Select(g => g.Id));
        var notice = Assert.Single(await directory.NoticesOfAreaAsync("A02", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8))));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.FromHours(8)), notice.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.FromHours(8)), notice.End);
        Assert.Empty(await directory.NoticesOfAreaAsync("A01", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public async Task LoadAsync_Twice_SameData()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        var samples = SampleLoader.FindSamplesDirectory();
        await SampleLoader.LoadAsync(samples, directory, CancellationToken.None);
        var keys = await test.KeysAsync();

        await SampleLoader.LoadAsync(samples, directory, CancellationToken.None);

        Assert.Equal(keys, await test.KeysAsync());
        Assert.Equal(36, (await directory.CustomersOfAreaAsync("A01")).Count);
    }

    [Theory]
    [InlineData("staff.csv", 3, "role", "boss", "must be one of manager, staff, supervisor")]
    [InlineData("staff.csv", 2, "phone", "1380000", "is not a mobile")]
    [InlineData("areas.csv", 3, "id", "A01", "is already used on line 2")]
    [InlineData("areas.csv", 3, "manager_id", "nobody", "is not in staff.csv")]
    [InlineData("areas.csv", 2, "supervisor_id", "wangjianhua", "is a manager in staff.csv, not a supervisor")]
    [InlineData("areas.csv", 4, "time_zone", "Mars/Olympus", "is not a known time zone")]
    [InlineData("areas.csv", 4, "kind", "suburban", "must be one of urban, rural, remote")]
    [InlineData("groups.csv", 4, "area_id", "A99", "is not an area in areas.csv")]
    [InlineData("groups.csv", 2, "manager_ids", "wangjianhua;ghost", "names ghost, who is not in staff.csv")]
    [InlineData("groups.csv", 3, "channel", "fax", "must be one of simulator, wecom-robot, bridge")]
    [InlineData("customers.csv", 10, "account_no", "31010000", "is not a 10-digit account number")]
    [InlineData("customers.csv", 11, "account_no", "3101000001", "is already used on line 2")]
    [InlineData("customers.csv", 20, "group_id", "grp-liulin", "serves area A02, not the customer's area A01")]
    [InlineData("customers.csv", 21, "chat_user_id", "u-xfl-001", "is already bound to the customer on line 2")]
    [InlineData("customers.csv", 30, "segment", "gold", "must be one of resident, vip, important")]
    [InlineData("customers.csv", 31, "phone", "0315-1234567", "is not an 11-digit mobile number")]
    [InlineData("customers.csv", 32, "area_id", "", "is required")]
    [InlineData("customers.csv", 33, "name", "王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王王", "is longer than 60 characters (61)")]
    [InlineData("bills.csv", 50, "amount", "-1.00", "is negative")]
    [InlineData("bills.csv", 52, "amount", "100000000.01", "is more than 100000000 yuan")]
    [InlineData("bills.csv", 51, "paid", "12.345", "has more than 2 decimals")]
    [InlineData("bills.csv", 60, "account_no", "3109999999", "is not a customer in customers.csv")]
    [InlineData("bills.csv", 70, "due_on", "2026-11-31", "is not a date")]
    [InlineData("bills.csv", 71, "due_on", "2026-10-31", "is before settled_on")]
    [InlineData("bills.csv", 72, "period", "2026/10", "is not a billing period")]
    [InlineData("outages.csv", 2, "end", "2026-11-28 07:00", "is not after start")]
    [InlineData("outages.csv", 2, "area_ids", "A02;A09", "names A09, which is not in areas.csv")]
    [InlineData("outages.csv", 2, "start", "明天上午", "is not a time")]
    public async Task LoadAsync_BadField_ReportsFileLineFieldAndWritesNothing(string file, int line, string field, string value, string reason)
    {
        await using var test = fixture.CreateStore();
        var samples = CopySamples();
        try
        {
            ReplaceField(Path.Combine(samples, file), line, field, value);

            var ex = await Assert.ThrowsAsync<CsvException>(() => SampleLoader.LoadAsync(samples, new GridDirectory(test.Store), CancellationToken.None));

            Assert.Equal((file, line, field), (ex.FileName, ex.Line, ex.Field));
            Assert.StartsWith($"{file}:{line}: field '{field}': {reason}", ex.Message, StringComparison.Ordinal);
            Assert.Empty(await test.KeysAsync());
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    [Fact]
    public async Task LoadAsync_BadPhone_MasksItInTheMessage()
    {
        await using var test = fixture.CreateStore();
        var samples = CopySamples();
        try
        {
            ReplaceField(Path.Combine(samples, "customers.csv"), 5, "phone", "2380001234567");

            var ex = await Assert.ThrowsAsync<CsvException>(() => SampleLoader.LoadAsync(samples, new GridDirectory(test.Store), CancellationToken.None));

            Assert.Contains("*********4567", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("2380001234567", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    [Fact]
    public async Task LoadAsync_ShortRowAndMissingColumn_ReportLineAndWriteNothing()
    {
        await using var test = fixture.CreateStore();
        var samples = CopySamples();
        try
        {
            var customers = Path.Combine(samples, "customers.csv");
            var lines = File.ReadAllLines(customers).Length;
            File.AppendAllText(customers, "3101999999,张三\n");
            var shortRow = await Assert.ThrowsAsync<CsvException>(() => SampleLoader.LoadAsync(samples, new GridDirectory(test.Store), CancellationToken.None));
            Assert.Equal($"customers.csv:{lines + 1}: expected 12 fields as in the header, found 2", shortRow.Message);

            var bills = Path.Combine(samples, "bills.csv");
            File.WriteAllLines(bills, File.ReadAllLines(bills).Select(l => l[..l.LastIndexOf(',')]));
            File.WriteAllLines(customers, File.ReadAllLines(customers).SkipLast(1));
            var missing = await Assert.ThrowsAsync<CsvException>(() => SampleLoader.LoadAsync(samples, new GridDirectory(test.Store), CancellationToken.None));
            Assert.Equal("bills.csv:1: field 'due_on': column is missing from the header", missing.Message);

            File.Copy(Path.Combine(SampleLoader.FindSamplesDirectory(), "bills.csv"), bills, overwrite: true);
            File.Delete(Path.Combine(samples, "outages.csv"));
            await Assert.ThrowsAsync<FileNotFoundException>(() => SampleLoader.LoadAsync(samples, new GridDirectory(test.Store), CancellationToken.None));
            Assert.Empty(await test.KeysAsync());
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static string CopySamples()
    {
        var target = Path.Combine(Path.GetTempPath(), $"samples-{Guid.NewGuid():N}");
        Directory.CreateDirectory(target);
        foreach (var file in Files) File.Copy(Path.Combine(SampleLoader.FindSamplesDirectory(), file), Path.Combine(target, file));
        return target;
    }

    // The sample files have no quoted fields, so a line splits on commas.
    private static void ReplaceField(string path, int line, string field, string value)
    {
        var lines = File.ReadAllLines(path);
        Assert.DoesNotContain(lines, l => l.Contains('"', StringComparison.Ordinal));
        var column = Array.IndexOf(lines[0].Split(','), field);
        Assert.True(column >= 0, $"{field} is not a column of {path}");
        var fields = lines[line - 1].Split(',');
        fields[column] = value;
        lines[line - 1] = string.Join(',', fields);
        File.WriteAllLines(path, lines);
    }
}
