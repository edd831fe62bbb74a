using GridService.Core.Domain;
using GridService.Core.Samples;

namespace GridService.Core.Tests.Samples;

/// <summary>The sample county stays the realistic demo it is meant to be when someone edits it.</summary>
public sealed class SampleDataTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private static Task<SampleData> ReadAsync() => SampleLoader.ReadAsync(SampleLoader.FindSamplesDirectory(), CancellationToken.None);

    [Fact]
    public async Task Samples_EveryArea_HasManagerGroupAndThirtyCustomersSomeUnbound()
    {
        var data = await ReadAsync();

        Assert.Equal([AreaKind.Urban, AreaKind.Rural, AreaKind.Remote], data.Areas.Select(a => a.Kind));
        Assert.All(data.Areas, area =>
        {
            Assert.Equal(StaffRole.Manager, data.Staff.Single(s => s.Id == area.ManagerId).Role);
            Assert.Single(data.Groups, g => g.AreaId == area.Id);
            var customers = data.Customers.Where(c => c.AreaId == area.Id).ToList();
            Assert.True(customers.Count >= 30, $"{area.Id} has {customers.Count} customers");
            Assert.Contains(customers, c => c.ChatUserId is null);
            Assert.True(customers.Count(c => c.ChatUserId is not null) > customers.Count / 2);
        });
        Assert.Contains(data.Staff, s => s.Role == StaffRole.Supervisor);
        Assert.Contains(data.Staff, s => s.Role == StaffRole.Staff);
        Assert.Equal(Enum.GetValues<Segment>(), data.Customers.Select(c => c.Segment).Distinct().Order());
        Assert.Equal(Enum.GetValues<CreditRating>(), data.Customers.Select(c => c.Credit).Distinct().Order());
    }

    [Fact]
    public async Task Samples_Bills_CoverEveryoneWithAboutOneInFiveInArrears()
    {
        var data = await ReadAsync();
        var october = data.Bills.Where(b => b.Period == "2026-10").ToList();

        Assert.Equal(data.Customers.Select(c => c.AccountNo).Order(), october.Select(b => b.AccountNo).Order());
        Assert.All(october, b => Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 15)), (b.SettledOn, b.DueOn)));
        Assert.All(october, b => Assert.InRange(b.Amount, 30m, 600m));
        Assert.InRange(october.Count(b => b.Outstanding > 0) / (double)october.Count, 0.15, 0.25);
        Assert.Contains(data.Bills, b => b.Period == "2026-09" && b.Outstanding > 0);
    }

    [Fact]
    public async Task Samples_Outage_IsPlannedAndStillAhead()
    {
        var data = await ReadAsync();

        var notice = Assert.Single(data.Notices);
        Assert.Equal(OutageKind.Planned, notice.Kind);
        Assert.True(notice.IsUpcomingAt(Today));
    }
}
