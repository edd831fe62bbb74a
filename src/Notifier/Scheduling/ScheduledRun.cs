using GridService.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Notifier.Scheduling;

/// <summary>The window one run of a job decides: what fell due after <see cref="From"/> up to <see cref="To"/>.</summary>
/// <param name="LastRun">The watermark: up to when earlier runs decided (the horizon's start before the first run).</param>
/// <param name="From">Exclusive start: the watermark, or the catch-up horizon's start when the watermark is older.</param>
/// <param name="To">Inclusive end: now.</param>
public readonly record struct ScheduleWindow(DateTimeOffset LastRun, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>True when <paramref name="at"/> falls due in this window.</summary>
    public bool Contains(DateTimeOffset at) => at > From && at <= To;

    /// <summary>True when <paramref name="at"/> fell due while nobody was running, too long ago to matter now.</summary>
    public bool IsTooLate(DateTimeOffset at) => at > LastRun && at <= From;
}

/// <summary>
/// Runs one scheduled job at a time across all Notifiers: takes the job's Redis lock, a lease renewed while the run
/// lasts (a second Notifier skips the run), hands the job its window from the watermark to now, and moves the watermark
/// only after the job finished, so a crash mid-run makes the next run decide the same window again (message ids keep
/// that from sending twice).
/// </summary>
public sealed partial class ScheduledRun(
    RedisStore store, Watermarks watermarks, TimeProvider time, IOptions<SchedulingOptions> options, ILogger<ScheduledRun> logger)
{
    /// <summary>Runs <paramref name="job"/>'s <paramref name="body"/> (which returns how much it queued); false when another run holds the lock.</summary>
    public async Task<bool> RunAsync(string job, Func<ScheduleWindow, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var held = await RedisLock.TryAcquireAsync(store.Db, $"{store.Keys.Prefix}:schedule:lock:{job}", options.Value.LockTime);
        if (held is null)
        {
            Log.Busy(logger, job);
            return false;
        }

        using var renewing = new CancellationTokenSource();
        var renewal = RenewWhileRunningAsync(held, job, options.Value.LockTime, renewing.Token);
        await using (held)
        {
            try
            {
                return await RunHeldAsync(job, body, cancellationToken);
            }
            finally
            {
                await renewing.CancelAsync();
                await renewal;
            }
        }
    }

    private async Task<bool> RunHeldAsync(string job, Func<ScheduleWindow, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var horizonStart = now - options.Value.CatchUpHorizon;
        var mark = await watermarks.GetAsync(job) ?? horizonStart;
        var window = new ScheduleWindow(mark, mark > horizonStart ? mark : horizonStart, now);
        if (mark < horizonStart) Log.Skipping(logger, job, mark, horizonStart);
        var queued = await body(window, cancellationToken);
        await watermarks.AdvanceAsync(job, now);
        if (queued > 0) Log.Ran(logger, job, window.From, now, queued);
        else Log.RanIdle(logger, job, window.From, now);
        return true;
    }

    // The lease runs on Redis's clock, so it is renewed on the real clock, not the host's TimeProvider. A renewal that
    // fails (the store briefly away) is tried again at the next third; one that finds the lock gone (the run outlived
    // its lease) is logged and renewal stops. The run goes on either way: message ids keep a second run of the same
    // window from sending anything twice.
    private async Task RenewWhileRunningAsync(RedisLock held, string job, TimeSpan lease, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, stop);
                try
                {
                    if (!await held.RenewAsync(lease))
                    {
                        Log.LeaseLost(logger, job, lease);
                        return;
                    }
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    Log.RenewFailed(logger, job, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Scheduling, LogLevel.Debug, "Job {Job}: another run holds the lock; skipped")]
        public static partial void Busy(ILogger logger, string job);

        [LoggerMessage(EventIds.Scheduling + 1, LogLevel.Warning, "Job {Job} last decided up to {Mark:u}; what fell due before {HorizonStart:u} is past the catch-up horizon and is skipped")]
        public static partial void Skipping(ILogger logger, string job, DateTimeOffset mark, DateTimeOffset horizonStart);

        [LoggerMessage(EventIds.Scheduling + 2, LogLevel.Information, "Job {Job} decided {From:u} to {To:u}: {Queued} queued")]
        public static partial void Ran(ILogger logger, string job, DateTimeOffset from, DateTimeOffset to, int queued);

        [LoggerMessage(EventIds.Scheduling + 3, LogLevel.Debug, "Job {Job} decided {From:u} to {To:u}: nothing due")]
        public static partial void RanIdle(ILogger logger, string job, DateTimeOffset from, DateTimeOffset to);

        [LoggerMessage(EventIds.Scheduling + 4, LogLevel.Warning, "Job {Job} outlived its lock's lease of {Lease}: another Notifier may run the same window (message ids keep it from sending twice)")]
        public static partial void LeaseLost(ILogger logger, string job, TimeSpan lease);

        [LoggerMessage(EventIds.Scheduling + 5, LogLevel.Warning, "Job {Job} could not renew its lock ({Error}); trying again before the lease runs out")]
        public static partial void RenewFailed(ILogger logger, string job, string error);
    }
}
