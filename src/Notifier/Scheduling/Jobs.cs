using GridService.Notifier.Billing;
using GridService.Notifier.Managers;
using GridService.Notifier.Notices;
using Quartz;

namespace GridService.Notifier.Scheduling;

/// <summary>Quartz job: queues the planned-outage posts that are due (7 days and the day before). Never sends.</summary>
[DisallowConcurrentExecution]
public sealed class NoticeScheduleJob(ScheduledRun run, NoticePlanner planner) : IJob
{
    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await run.RunAsync(NoticePlanner.JobName, (window, ct) => planner.RunAsync(window.To, ct), cancellationToken);
}

/// <summary>
/// Quartz job: queues the billing reminder stages and disconnection notices that fell due, and alerts managers about
/// paid customers still cut off when their payment day ended. Never sends.
/// </summary>
[DisallowConcurrentExecution]
public sealed class BillingReminderJob(ScheduledRun run, ReminderPlanner planner, ReconnectionService reconnection) : IJob
{
    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await run.RunAsync(ReminderPlanner.JobName, (window, ct) => RunAsync(planner, reconnection, window, ct), cancellationToken);

    /// <summary>One run's work (tests call it with a fake clock's window).</summary>
    public static async Task<int> RunAsync(ReminderPlanner planner, ReconnectionService reconnection, ScheduleWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(reconnection);
        var queued = (int)(await planner.RunAsync(window, cancellationToken)).Queued;
        return queued + await reconnection.AlertNotRestoredAsync(window.To);
    }
}

/// <summary>Quartz job: queues each area manager's daily digest when it falls due. Never sends.</summary>
[DisallowConcurrentExecution]
public sealed class ManagerDigestJob(ScheduledRun run, ManagerDigest digest) : IJob
{
    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await run.RunAsync(ManagerDigest.JobName, digest.RunAsync, cancellationToken);
}
