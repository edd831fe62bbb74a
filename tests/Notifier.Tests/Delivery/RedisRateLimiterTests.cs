using GridService.Core.Storage;
using GridService.Notifier.Delivery;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Notifier.Tests.Delivery;

public sealed class RedisRateLimiterTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly RateLimit Budget = new(20, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2));

    [Fact]
    public async Task Acquire_TwentyFirstInAMinute_WaitsUntilTheFirstLeavesTheWindow()
    {
        await using var store = fixture.CreateStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var limiter = new RedisRateLimiter(store.Store, clock);

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            waits.Add((await limiter.AcquireAsync("robot", $"m{i}", Budget)).Wait);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var wait = (await limiter.AcquireAsync("robot", "m20", Budget)).Wait;

        Assert.All(waits, w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(Budget.Span - TimeSpan.FromSeconds(20), wait); // first send at 0 s, now 20 s, window 62 s
    }

    [Fact]
    public async Task Acquire_SameSlotAgain_KeepsItsReservation()
    {
        await using var store = fixture.CreateStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var limiter = new RedisRateLimiter(store.Store, clock);
        for (var i = 0; i < 20; i++) await limiter.AcquireAsync("robot", $"m{i}", Budget);

        var first = (await limiter.AcquireAsync("robot", "late-1", Budget)).Wait;
        var second = (await limiter.AcquireAsync("robot", "late-2", Budget)).Wait;
        var firstAgain = (await limiter.AcquireAsync("robot", "late-1", Budget)).Wait;
        clock.Advance(first);
        var atItsTime = (await limiter.AcquireAsync("robot", "late-1", Budget)).Wait;

        Assert.Equal(Budget.Span, first);
        Assert.Equal(first, firstAgain);
        Assert.True(second >= first, "a later asker never gets an earlier slot");
        Assert.Equal(TimeSpan.Zero, atItsTime);
    }

    [Fact]
    public async Task Acquire_SlotUsedThenAskedAgain_TakesANewSlot()
    {
        await using var store = fixture.CreateStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var limiter = new RedisRateLimiter(store.Store, clock);
        var tight = Budget with { Limit = 2 };

        await limiter.AcquireAsync("robot", "part", tight); // sent, then failed: a retry is a new request
        await limiter.AcquireAsync("robot", "part", tight);
        var third = (await limiter.AcquireAsync("robot", "part", tight)).Wait;

        Assert.Equal(tight.Span, third);
    }

    [Fact]
    public async Task Acquire_TwoNotifiersRandomTraffic_NeverMoreThanTheLimitInAnyWindow()
    {
        await using var store = fixture.CreateStore();

        AssertNoWindowOverrun(await SimulateAsync(store.Store, seed: 7, maxLatency: TimeSpan.Zero));
    }

    [Fact]
    public async Task Acquire_DueSlotAfterSendsAnsweredLate_WaitsUntilTheWindowCountsFromTheAnswers()
    {
        await using var store = fixture.CreateStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var limiter = new RedisRateLimiter(store.Store, clock);
        var tight = Budget with { Limit = 2 };
        var a = await limiter.AcquireAsync("robot", "a", tight);
        var b = await limiter.AcquireAsync("robot", "b", tight);
        var reserved = (await limiter.AcquireAsync("robot", "c", tight)).Wait;

        // The first two requests were slow (a cold connection): the platform answered them 5 s after their slots.
        clock.Advance(TimeSpan.FromSeconds(5));
        await limiter.AnsweredAsync("robot", a);
        await limiter.AnsweredAsync("robot", b);
        clock.Advance(reserved - TimeSpan.FromSeconds(5));
        var atItsTime = await limiter.AcquireAsync("robot", "c", tight);
        clock.Advance(atItsTime.Wait);
        var moved = await limiter.AcquireAsync("robot", "c", tight);

        Assert.Equal(tight.Span, reserved);
        Assert.Equal(TimeSpan.FromSeconds(5), atItsTime.Wait);
        Assert.True(moved.Granted);
    }

    [Fact]
    public async Task Acquire_TwoNotifiersRequestsSlowerThanTheMargin_NeverMoreThanTheLimitInAnyWindowAtThePlatform()
    {
        await using var store = fixture.CreateStore();

        // Requests take up to 5 s (the margin is 2 s); each reaches the platform between its slot and its answer.
        AssertNoWindowOverrun(await SimulateAsync(store.Store, seed: 11, maxLatency: TimeSpan.FromSeconds(5)));
    }

    // Two Notifiers share the budget for 600 steps of bursty traffic; a message told to wait comes back when its slot
    // is due. Returns when each sent request reached the platform, in order: a random point between its slot and its
    // answer, which comes up to maxLatency after the slot (zero: at once).
    private static async Task<List<DateTimeOffset>> SimulateAsync(RedisStore store, int seed, TimeSpan maxLatency)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var notifiers = new[] { new RedisRateLimiter(store, clock), new RedisRateLimiter(store, clock) };
        var random = new Random(seed);
        var pending = new List<(string Slot, DateTimeOffset Due)>();
        var inFlight = new List<(RedisRateLimiter Notifier, RateSlot Slot, DateTimeOffset AnsweredAt)>();
        var arrived = new List<DateTimeOffset>();
        var next = 0;

        for (var step = 0; step < 600; step++)
        {
            foreach (var done in inFlight.Where(f => f.AnsweredAt <= clock.GetUtcNow()).ToList())
            {
                await done.Notifier.AnsweredAsync("robot", done.Slot);
                inFlight.Remove(done);
            }

            var asking = pending.Where(p => p.Due <= clock.GetUtcNow()).ToList();
            pending.RemoveAll(asking.Contains);
            for (var n = random.Next(0, 3); n > 0; n--) asking.Add(($"m{next++}", clock.GetUtcNow()));
            foreach (var (slot, _) in asking)
            {
                var notifier = notifiers[random.Next(2)];
                var taken = await notifier.AcquireAsync("robot", slot, Budget);
                if (!taken.Granted)
                {
                    pending.Add((slot, clock.GetUtcNow() + taken.Wait));
                    continue;
                }

                var latency = maxLatency > TimeSpan.Zero ? TimeSpan.FromMilliseconds(random.Next(0, (int)maxLatency.TotalMilliseconds)) : TimeSpan.Zero;
                arrived.Add(clock.GetUtcNow() + (latency > TimeSpan.Zero ? latency * random.NextDouble() : TimeSpan.Zero));
                inFlight.Add((notifier, taken, clock.GetUtcNow() + latency));
            }

            clock.Advance(TimeSpan.FromMilliseconds(random.Next(100, 1500)));
        }

        arrived.Sort();
        return arrived;
    }

    private static void AssertNoWindowOverrun(List<DateTimeOffset> arrived)
    {
        Assert.True(arrived.Count > 100, $"only {arrived.Count} sent");
        for (var i = 0; i + Budget.Limit < arrived.Count; i++)
        {
            Assert.True(arrived[i + Budget.Limit] - arrived[i] >= Budget.Window, $"21 arrivals within {arrived[i + Budget.Limit] - arrived[i]} at {i}");
        }
    }

    [Fact]
    public async Task Saturate_AfterPlatformRefusal_NextSendWaitsAWholeWindow()
    {
        await using var store = fixture.CreateStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var limiter = new RedisRateLimiter(store.Store, clock);
        await limiter.AcquireAsync("robot", "m0", Budget);

        await limiter.SaturateAsync("robot", Budget);
        var wait = (await limiter.AcquireAsync("robot", "m1", Budget)).Wait;

        Assert.Equal(Budget.Span, wait);
    }
}
