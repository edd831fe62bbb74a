using GridService.Core.Domain;
using GridService.Core.Grid;

namespace GridService.Core.Tests.Grid;

public sealed class GridDirectoryNoticeTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static OutageNotice Notice(string id, double startHours, double endHours, params string[] areas) =>
        new(id, OutageKind.Planned, areas, "柳林村三组、四组", Now.AddHours(startHours), Now.AddHours(endHours), "线路检修");

    [Fact]
    public async Task NoticesOfArea_MixedNotices_ReturnsOnlyNotEndedNotCancelledInStartOrder()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        var upcoming = Notice("upcoming", 120, 124, "A02");
        var underWay = Notice("under-way", -1, 3, "A02", "A03");
        await directory.SaveNoticeAsync(upcoming);
        await directory.SaveNoticeAsync(underWay);
        await directory.SaveNoticeAsync(Notice("expired", -10, -6, "A02"));
        await directory.SaveNoticeAsync(Notice("ends-now", -4, 0, "A02"));
        await directory.SaveNoticeAsync(Notice("cancelled", 48, 52, "A02") with { Cancelled = true });
        await directory.SaveNoticeAsync(Notice("restored", -2, 2, "A02") with { RestoredAt = Now.AddMinutes(-30) });
        await directory.SaveNoticeAsync(Notice("other-area", 1, 5, "A01"));

        var notices = await directory.NoticesOfAreaAsync("A02", Now);

        Assert.Equal(["under-way", "upcoming"], notices.Select(n => n.Id));
        Assert.Equivalent(upcoming, notices[1], strict: true);
        Assert.Equal(["under-way"], (await directory.NoticesOfAreaAsync("A03", Now)).Select(n => n.Id));
    }

    [Fact]
    public async Task NoticesOfArea_ClockPassesTheEnd_NoticeDisappears()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        await directory.SaveNoticeAsync(Notice("n1", 1, 5, "A02"));

        Assert.Single(await directory.NoticesOfAreaAsync("A02", Now.AddHours(4)));
        Assert.Empty(await directory.NoticesOfAreaAsync("A02", Now.AddHours(5)));
        Assert.NotNull(await directory.GetNoticeAsync("n1"));
    }

    [Fact]
    public async Task SaveNotice_AreasAndEndChange_IndexFollows()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);
        await directory.SaveNoticeAsync(Notice("n1", 1, 5, "A01", "A02"));

        await directory.SaveNoticeAsync(Notice("n1", 1, 8, "A02", "A03"));

        Assert.Empty(await directory.NoticesOfAreaAsync("A01", Now));
        Assert.Single(await directory.NoticesOfAreaAsync("A02", Now.AddHours(6)));
        Assert.Single(await directory.NoticesOfAreaAsync("A03", Now.AddHours(6)));
    }

    [Fact]
    public async Task SaveNotice_EndNotAfterStart_Throws()
    {
        await using var test = fixture.CreateStore();
        var directory = new GridDirectory(test.Store);

        await Assert.ThrowsAsync<ArgumentException>(() => directory.SaveNoticeAsync(Notice("n1", 5, 5, "A01")));
    }
}
