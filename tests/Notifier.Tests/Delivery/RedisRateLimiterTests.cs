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
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var notifiers = new[] { new RedisRateLimiter(store.Store, clock), new RedisRateLimiter(store.Store, clock) };
        var random = new Random(7);
        var pending = new List<(string Slot, DateTimeOffset Due)>();
        var sent = new List<DateTimeOffset>();
        var next = 0;

        for (var step = 0; step < 600; step++)
        {
            // New messages arrive in bursts; waiting ones come back when their slot is due.
            var asking = pending.Where(p => p.Due <= clock.GetUtcNow()).ToList();
            pending.RemoveAll(asking.Contains);
            for (var n = random.Next(0, 3); n > 0; n--) asking.Add(($"m{next++}", clock.GetUtcNow()));
            foreach (var (slot, _) in asking)
            {
                var wait = (await notifiers[random.Next(2)].AcquireAsync("robot", slot, Budget)).Wait;
                if (wait == TimeSpan.Zero) sent.Add(clock.GetUtcNow());
                else pending.Add((slot, clock.GetUtcNow() + wait));
            }

            clock.Advance(TimeSpan.FromMilliseconds(random.Next(100, 1500)));
        }

        Assert.True(sent.Count > 100, $"only {sent.Count} sent");
        for (var i = 0; i + Budget.Limit < sent.Count; i++)
        {
            Assert.True(sent[i + Budget.Limit] - sent[i] >= Budget.Window, $"21 sends within {sent[i + Budget.Limit] - sent[i]} at {i}");
        }
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
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 11, 20, 1, 0, 0, TimeSpan.Zero));
        var notifiers = new[] { new RedisRateLimiter(store.Store, clock), new RedisRateLimiter(store.Store, clock) };
        var random = new Random(11);
        var pending = new List<(string Slot, DateTimeOffset Due)>();
        var inFlight = new List<(RedisRateLimiter Notifier, RateSlot Slot, DateTimeOffset AnsweredAt)>();
        var arrived = new List<DateTimeOffset>();
        var next = 0;

        for (var step = 0; step < 600; step++)
        {
            // A request reaches the platform somewhere between its slot and its answer, up to 5 s later (the margin is 2 s).
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

                var latency = TimeSpan.FromMilliseconds(random.Next(0, 5000));
                arrived.Add(clock.GetUtcNow() + latency * random.NextDouble());
                inFlight.Add((notifier, taken, clock.GetUtcNow() + latency));
            }

            clock.Advance(TimeSpan.FromMilliseconds(random.Next(100, 1500)));
        }

        arrived.Sort();
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
