using GridService.Core.Queues;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Core.Tests.Queues;

/// <summary>De-duplicated enqueue with a not-before time, one at a time and in batches.</summary>
public sealed class ReliableQueueOnceTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task EnqueueOnce_NotBeforeLater_WaitsUntilDueThenComesOutOnce()
    {
        await using var t = fixture.CreateStore();
        var queue = new ReliableQueue(t.Store, "q", _time);
        var morning = _time.GetUtcNow().AddHours(10);

        Assert.True(await queue.EnqueueOnceAsync("r2", "提醒", TimeSpan.FromDays(7), morning));
        Assert.False(await queue.EnqueueOnceAsync("r2", "提醒", TimeSpan.FromDays(7), morning));
        await queue.PromoteDueAsync();
        var early = await queue.TryTakeAsync(TimeSpan.FromSeconds(30));
        _time.SetUtcNow(morning);
        await queue.PromoteDueAsync();
        var due = await queue.TryTakeAsync(TimeSpan.FromSeconds(30));

        Assert.Null(early);
        Assert.Equal("提醒", due!.Payload);
        Assert.Null(await queue.TryTakeAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task EnqueueOnceMany_RepeatsAcrossAndWithinCalls_EachIdQueuedOnceInOrder()
    {
        await using var t = fixture.CreateStore();
        var queue = new ReliableQueue(t.Store, "q", _time);
        var items = Enumerable.Range(0, 250).Select(i => ($"m{i}", $"消息{i}", (DateTimeOffset?)null)).ToList();

        var first = await queue.EnqueueOnceManyAsync(items, TimeSpan.FromDays(7));
        var again = await queue.EnqueueOnceManyAsync([items[3], ("m3", "消息3", null), ("new", "新消息", _time.GetUtcNow().AddHours(1))], TimeSpan.FromDays(7));

        Assert.Equal((250, 1), (first, again));
        Assert.Equal(new QueueCounts(250, 0, 1, 0), await queue.CountsAsync());
        var taken = new List<string>();
        while (await queue.TryTakeAsync(TimeSpan.FromSeconds(30)) is { } item) taken.Add(item.Payload);
        Assert.Equal(items.Select(i => i.Item2), taken);
    }
}
