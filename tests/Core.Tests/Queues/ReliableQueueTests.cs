using GridService.Core.Queues;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Core.Tests.Queues;

public sealed class ReliableQueueTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TryTake_ItemsEnqueued_ComeOutInOrderOnce()
    {
        await using var t = fixture.CreateStore();
        var queue = new ReliableQueue(t.Store, "q", _time);
        await queue.EnqueueAsync("a");
        await queue.EnqueueAsync("b");

        var first = await queue.TryTakeAsync(TimeSpan.FromSeconds(30));
        var second = await queue.TryTakeAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["a", "b"], new[] { first!.Payload, second!.Payload });
        Assert.Null(await queue.TryTakeAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(new QueueCounts(0, 2, 0, 0), await queue.CountsAsync());
    }

    [Fact]
    public async Task Ack_TakenItem_RemovesItForGood()
    {
        await using var t = fixture.CreateStore();
        var queue = new ReliableQueue(t.Store, "q", _time);
        await queue.EnqueueAsync("a");
        var item = await queue.TryTakeAsync(TimeSpan.FromSeconds(30));

        Assert.True(await queue.AckAsync(item!));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await queue.ReclaimExpiredAsync());
        Assert.Equal(new QueueCounts(0, 0, 0, 0), await queue.CountsAsync());
    }

    [Fact]
    public async Task ReclaimExpired_WorkerDiedHoldingItem_ItemIsTakenAgain()
    {
        await using var t = fixture.CreateStore();
        var queue = new ReliableQueue(t.Store, "q", _time);
        await queue.EnqueueAsync("a");
        var lost = await queue.TryTakeAsync(TimeSpan.FromSeconds(30));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await queue.ReclaimExpiredAsync());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await queue.ReclaimExpiredAsync());

        var again = await queue.TryTakeAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(lost!.Id, again!.Id);
        Assert.True(await queue.AckAsync(again));
        Assert.Equal(new QueueCounts(0, 0, 0, 0), await queue.CountsAsync());
    }

    [Fact]
    public async Task RetryLater_FailedAttempt_ComesBackWhenDueWithAttemptAndReason()
    {
        await using var t = fixture.CreateStore();
        var queue = new ReliableQueue(t.Store, "q", _time);
        await queue.EnqueueAsync("a");
        var item = await queue.TryTakeAsync(TimeSpan.FromSeconds(30));

        await queue.RetryLaterAsync(item!, TimeSpan.FromSeconds(10), "timeout");
        Assert.Equal(0, await queue.PromoteDueAsync());
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await queue.PromoteDueAsync());

        var retried = await queue.TryTakeAsync(TimeSpan.FromSeconds(30));
        Assert.Equal((item!.Id, 2, "timeout"), (retried!.Id, retried.Attempt, retried.LastError));
    }

    [Fact]
    public async Task Enqueue_WithDelay_IsNotReadyBeforeItsTime()
    {
        await using var t = fixture.CreateStore();
        var queue = new ReliableQueue(t.Store, "q", _time);
        await queue.EnqueueAsync("later", TimeSpan.FromMinutes(1));

        await queue.PromoteDueAsync();
        Assert.Null(await queue.TryTakeAsync(TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromMinutes(1));
        await queue.PromoteDueAsync();
        Assert.Equal("later", (await queue.TryTakeAsync(TimeSpan.FromSeconds(30)))!.Payload);
    }

    [Fact]
    public async Task DeadLetter_ThenRedrive_KeepsReasonAndReturnsItem()
    {
        await using var t = fixture.CreateStore();
        var queue = new ReliableQueue(t.Store, "q", _time);
        await queue.EnqueueAsync("a");
        var item = await queue.TryTakeAsync(TimeSpan.FromSeconds(30));

        await queue.DeadLetterAsync(item!, "endpoint removed");
        var dead = Assert.Single(await queue.DeadLettersAsync());
        Assert.Equal(("a", "endpoint removed"), (dead.Payload, dead.LastError));

        Assert.Equal(1, await queue.RedriveAsync());
        Assert.Equal(new QueueCounts(1, 0, 0, 0), await queue.CountsAsync());
    }

    [Fact]
    public async Task EnqueueOnce_SameIdTwice_QueuesOnce()
    {
        await using var t = fixture.CreateStore();
        var queue = new ReliableQueue(t.Store, "q", _time);

        Assert.True(await queue.EnqueueOnceAsync("m1", "a", TimeSpan.FromHours(1)));
        Assert.False(await queue.EnqueueOnceAsync("m1", "a", TimeSpan.FromHours(1)));
        Assert.Equal(1, (await queue.CountsAsync()).Ready);
    }

    [Fact]
    public async Task TryTake_ManyConcurrentConsumers_EachItemTakenExactlyOnce()
    {
        await using var t = fixture.CreateStore();
        var queue = new ReliableQueue(t.Store, "q", _time);
        for (var i = 0; i < 200; i++) await queue.EnqueueAsync(i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var taken = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (await queue.TryTakeAsync(TimeSpan.FromSeconds(30)) is { } item)
            {
                taken.Add(item.Payload);
                await queue.AckAsync(item);
            }
        }));

        Assert.Equal(200, taken.Count);
        Assert.Equal(200, taken.Distinct().Count());
    }
}
