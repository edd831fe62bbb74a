using GridService.Core.Domain;
using GridService.Core.Grid;

namespace GridService.Core.Tests.Grid;

public sealed class GridDirectoryBillTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateOnly Settled = new(2026, 11, 1);
    private static readonly DateOnly Due = new(2026, 11, 15);

    [Fact]
    public async Task BillsAsync_OverTenThousandBills_StreamsEachOnceAndOnlyThatPeriod()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        const int count = 10_007;
        var october = Enumerable.Range(0, count).Select(i => new Bill($"31{i:D8}", "2026-10", 30m + i % 571, i % 5 == 0 ? 0m : 30m + i % 571, Settled, Due));
        var september = Enumerable.Range(0, 3).Select(i => new Bill($"31{i:D8}", "2026-09", 99m, 0m, new(2026, 10, 1), new(2026, 10, 15)));

        var written = await directory.SaveBillsAsync(october.Concat(september));

        var seen = new HashSet<string>();
        decimal total = 0, outstanding = 0;
        await foreach (var bill in directory.BillsAsync("2026-10"))
        {
            Assert.True(seen.Add(bill.AccountNo), $"{bill.AccountNo} streamed twice");
            total += bill.Amount;
            outstanding += bill.Outstanding;
        }

        Assert.Equal(count + 3, written);
        Assert.Equal(count, seen.Count);
        Assert.Equal(october.Sum(b => b.Amount), total);
        Assert.Equal(october.Sum(b => b.Outstanding), outstanding);
    }

    [Fact]
    public async Task GetBill_SavedAndMissing_ReturnsBillOrNull()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        var bill = new Bill("3101000001", "2026-10", 123.45m, 23.45m, Settled, Due);

        await directory.SaveBillsAsync([bill]);

        Assert.Equal(bill, await directory.GetBillAsync("3101000001", "2026-10"));
        Assert.Equal(100m, (await directory.GetBillAsync("3101000001", "2026-10"))!.Outstanding);
        Assert.Null(await directory.GetBillAsync("3101000001", "2026-09"));
        Assert.Null(await directory.GetBillAsync("3101000002", "2026-10"));
    }

    [Fact]
    public async Task SaveBills_SameAccountAndPeriodAgain_Replaces()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        await directory.SaveBillsAsync([new Bill("3101000001", "2026-10", 80m, 0m, Settled, Due)]);

        await directory.SaveBillsAsync([new Bill("3101000001", "2026-10", 80m, 80m, Settled, Due)]);

        Assert.Equal(0m, (await directory.GetBillAsync("3101000001", "2026-10"))!.Outstanding);
    }
}
