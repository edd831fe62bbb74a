using GridService.Core.Csv;
using GridService.Core.Domain;
using GridService.Core.Grid;

namespace GridService.Core.Samples;

/// <summary>How many of each kind a samples directory holds.</summary>
public sealed record SampleCounts(int Staff, int Areas, int Groups, int Customers, int Bills, int Notices);

/// <summary>Everything in a samples directory, parsed and checked.</summary>
public sealed record SampleData(
    IReadOnlyList<Staff> Staff, IReadOnlyList<Area> Areas, IReadOnlyList<ChatGroup> Groups,
    IReadOnlyList<Customer> Customers, IReadOnlyList<Bill> Bills, IReadOnlyList<OutageNotice> Notices)
{
    /// <summary>The counts of each kind.</summary>
    public SampleCounts Counts => new(Staff.Count, Areas.Count, Groups.Count, Customers.Count, Bills.Count, Notices.Count);
}

/// <summary>
/// Loads the sample county (<c>samples/*.csv</c>) into a <see cref="GridDirectory"/>: every file is parsed and
/// checked first, and only when all are good is anything written, so a bad row leaves the store as it was.
/// </summary>
public static class SampleLoader
{
    /// <summary>The seeded marker's value after a load.</summary>
    public const string SeedSource = "samples";

    /// <summary>Reads and checks every file, then writes them all and marks the store seeded.</summary>
    /// <returns>How many of each kind were loaded.</returns>
    /// <exception cref="CsvException">The first bad row, as <c>file:line: field 'x': reason</c>; nothing was written.</exception>
    /// <exception cref="FileNotFoundException">A sample file is missing; nothing was written.</exception>
    public static async Task<SampleCounts> LoadAsync(string samplesDirectory, GridDirectory directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var data = await ReadAsync(samplesDirectory, cancellationToken);

        // Referenced kinds first, and the marker last, so a store that has the marker has everything.
        foreach (var staff in data.Staff) await directory.SaveStaffAsync(staff);
        foreach (var area in data.Areas) await directory.SaveAreaAsync(area);
        foreach (var group in data.Groups) await directory.SaveGroupAsync(group);
        foreach (var customer in data.Customers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await directory.SaveCustomerAsync(customer);
        }

        await directory.SaveBillsAsync(data.Bills, cancellationToken);
        foreach (var notice in data.Notices) await directory.SaveNoticeAsync(notice);
        await directory.MarkSeededAsync(SeedSource);
        return data.Counts;
    }

    /// <summary>Reads and checks every file without writing anything.</summary>
    /// <exception cref="CsvException">The first bad row.</exception>
    public static async Task<SampleData> ReadAsync(string samplesDirectory, CancellationToken cancellationToken)
    {
        var parser = new SampleParser();
        var staff = await ReadFileAsync(samplesDirectory, "staff.csv", SampleParser.StaffColumns, parser.ParseStaff, cancellationToken);
        var areas = await ReadFileAsync(samplesDirectory, "areas.csv", SampleParser.AreaColumns, parser.ParseArea, cancellationToken);
        var groups = await ReadFileAsync(samplesDirectory, "groups.csv", SampleParser.GroupColumns, parser.ParseGroup, cancellationToken);
        var customers = await ReadFileAsync(samplesDirectory, "customers.csv", SampleParser.CustomerColumns, parser.ParseCustomer, cancellationToken);
        var bills = await ReadFileAsync(samplesDirectory, "bills.csv", SampleParser.BillColumns, parser.ParseBill, cancellationToken);
        var notices = await ReadFileAsync(samplesDirectory, "outages.csv", SampleParser.OutageColumns, parser.ParseOutage, cancellationToken);
        return new SampleData(staff, areas, groups, customers, bills, notices);
    }

    /// <summary>
    /// The samples directory: <c>samples/</c> beside the running program (the build copies it there), else the
    /// nearest <c>samples/</c> above it, as in a source checkout.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Neither exists.</exception>
    public static string FindSamplesDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples");
            if (File.Exists(Path.Combine(candidate, "areas.csv"))) return candidate;
        }

        throw new DirectoryNotFoundException($"No samples/areas.csv in {AppContext.BaseDirectory} or any directory above it.");
    }

    private static async Task<List<T>> ReadFileAsync<T>(
        string samplesDirectory, string fileName, string[] columns, Func<CsvRow, T> parse, CancellationToken cancellationToken)
    {
        var path = Path.Combine(samplesDirectory, fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"Sample file {fileName} is missing from {samplesDirectory}.", path);
        using var csv = CsvReader.Open(path);
        (await csv.ReadHeaderAsync(cancellationToken)).Require(columns);
        var items = new List<T>();
        await foreach (var row in csv.ReadRowsAsync(cancellationToken)) items.Add(parse(row));
        return items;
    }
}
