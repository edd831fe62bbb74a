using GridService.Core.Storage;
using GridService.Notifier.Scheduling;
using GridService.Notifier.Tests.Notices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Tests.Scheduling;

public sealed class ScheduledRunTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_JobFails_WatermarkStaysSoTheNextRunDecidesTheSameWindow()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        var run = notifier.Get<ScheduledRun>();
        await run.RunAsync("job", (_, _) => Task.FromResult(0), CancellationToken.None);
        notifier.Time.Advance(TimeSpan.FromMinutes(5));

        await Assert.ThrowsAsync<InvalidOperationException>(() => run.RunAsync("job", (_, _) => throw new InvalidOperationException("boom"), CancellationToken.None));
        notifier.Time.Advance(TimeSpan.FromMinutes(5));
        ScheduleWindow seen = default;
        await run.RunAsync("job", (window, _) => { seen = window; return Task.FromResult(0); }, CancellationToken.None);

        Assert.Equal((Now, Now.AddMinutes(10)), (seen.From, seen.To));
    }

    [Fact]
    public async Task RunAsync_AnotherRunHoldsTheLock_SkipsWithoutRunning()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        var run = notifier.Get<ScheduledRun>();
        var inside = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var ran = 0;

        var first = run.RunAsync("job", async (_, _) => { Interlocked.Increment(ref ran); inside.SetResult(); await release.Task; return 0; }, CancellationToken.None);
        await inside.Task;
        var second = await run.RunAsync("job", (_, _) => { Interlocked.Increment(ref ran); return Task.FromResult(0); }, CancellationToken.None);
        release.SetResult();

        Assert.False(second);
        Assert.True(await first);
        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task RunAsync_DownLongerThanTheHorizon_WindowStartsAtTheHorizon()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        var run = notifier.Get<ScheduledRun>();
        await run.RunAsync("job", (_, _) => Task.FromResult(0), CancellationToken.None);
        notifier.Time.Advance(TimeSpan.FromDays(5));

        ScheduleWindow seen = default;
        await run.RunAsync("job", (window, _) => { seen = window; return Task.FromResult(0); }, CancellationToken.None);

        Assert.Equal((Now, Now.AddDays(3), Now.AddDays(5)), (seen.LastRun, seen.From, seen.To));
        Assert.True(seen.IsTooLate(Now.AddDays(1)));
        Assert.True(seen.Contains(Now.AddDays(4)));
    }

    // The lease is 600 ms here (the product's default is 30 s): a run of two seconds keeps the job by renewing it.
    [Fact]
    public async Task RunAsync_RunLongerThanTheLease_KeepsTheJobUntilItEnds()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        var run = WithLease(notifier, TimeSpan.FromMilliseconds(600));
        var inside = new TaskCompletionSource();

        var first = run.RunAsync("job", async (_, ct) => { inside.SetResult(); await Task.Delay(TimeSpan.FromSeconds(2), ct); return 0; }, CancellationToken.None);
        await inside.Task;
        await Task.Delay(TimeSpan.FromSeconds(1.2)); // twice the lease
        var second = await run.RunAsync("job", (_, _) => Task.FromResult(0), CancellationToken.None);

        Assert.False(second);
        Assert.True(await first);
        Assert.True(await run.RunAsync("job", (_, _) => Task.FromResult(0), CancellationToken.None)); // released at the end
    }

    // A Notifier killed mid-run renews nothing: its lock lapses after one lease, not after ten minutes as it did.
    [Fact]
    public async Task RunAsync_HolderKilledMidRun_TheJobIsFreeAgainAfterOneLease()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        var lease = TimeSpan.FromMilliseconds(600);
        var run = WithLease(notifier, lease);
        var store = notifier.Get<RedisStore>();
        var killed = await RedisLock.TryAcquireAsync(store.Db, $"{store.Keys.Prefix}:schedule:lock:job", lease);

        var whileHeld = await run.RunAsync("job", (_, _) => Task.FromResult(0), CancellationToken.None);
        await Task.Delay(lease * 1.5);
        var afterLease = await run.RunAsync("job", (_, _) => Task.FromResult(0), CancellationToken.None);

        Assert.NotNull(killed);
        Assert.False(whileHeld);
        Assert.True(afterLease);
    }

    [Fact]
    public async Task Renew_AfterTheLockWasTakenByAnother_LeavesTheOthersLock()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        var db = notifier.Get<RedisStore>().Db;
        var key = notifier.Get<RedisStore>().Keys.Prefix + ":renew-test";
        var stale = await RedisLock.TryAcquireAsync(db, key, TimeSpan.FromMilliseconds(50));
        await Task.Delay(200);
        var current = await RedisLock.TryAcquireAsync(db, key, TimeSpan.FromSeconds(5));

        Assert.False(await stale!.RenewAsync(TimeSpan.FromMinutes(1)));
        Assert.True(await current!.RenewAsync(TimeSpan.FromMinutes(1)));
        Assert.InRange((await db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
        Assert.Equal(current.Token, (string?)await db.StringGetAsync(key));
    }

    private static ScheduledRun WithLease(TestNotifier notifier, TimeSpan lease) =>
        new(notifier.Get<RedisStore>(), notifier.Get<Watermarks>(), notifier.Time,
            Options.Create(new SchedulingOptions { LockTime = lease }), NullLogger<ScheduledRun>.Instance);
}
