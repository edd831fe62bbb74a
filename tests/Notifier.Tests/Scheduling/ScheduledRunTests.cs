using GridService.Notifier.Scheduling;
using GridService.Notifier.Tests.Notices;

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
}
