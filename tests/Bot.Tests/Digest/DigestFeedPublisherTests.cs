using GridService.Bot.Digest;
using GridService.Bot.Tests.WorkOrders;
using GridService.Core.Digest;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.Digest;

/// <summary>The Bot's half of the manager's digest: today's orders, the open ones, breaches and misses, per area.</summary>
public sealed class DigestFeedPublisherTests
{
    [Fact]
    public async Task Publish_AfterAReportAndAMissedDeadline_AreaShowsTheOrderOpenTodayAndInBreach()
    {
        await using var wo = await WorkOrderHost.StartAsync();
        await wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "dg-1");
        var id = WorkOrderHost.OrderNumber((await wo.WaitAsync(l => l.ReplyTo == "dg-1")).Text);
        var publisher = wo.Host.Services.GetRequiredService<DigestFeedPublisher>();
        var feed = wo.Host.Services.GetRequiredService<DigestFeed>();

        await publisher.PublishAsync(CancellationToken.None);
        var fresh = await feed.GetAsync("A01");
        Assert.Equal(1, fresh?.OpenedToday);
        Assert.Equal([id], fresh!.Open.Select(o => o.OrderNo));
        Assert.Empty(fresh.Breaches);
        Assert.Equal(0, (await feed.GetAsync("A02"))?.OpenedToday);

        wo.Clock.Advance(TimeSpan.FromHours(5)); // past the repair deadline
        await publisher.PublishAsync(CancellationToken.None);
        var later = await feed.GetAsync("A01");
        Assert.Equal([id], later!.Breaches.Select(o => o.OrderNo));
        Assert.Equal(wo.Clock.GetUtcNow(), later.AsOf);
    }
}
