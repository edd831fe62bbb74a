using GridService.Notifier.Billing;
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

/// <summary>Quartz job: queues the billing reminder stages and disconnection notices that fell due. Never sends.</summary>
[DisallowConcurrentExecution]
public sealed class BillingReminderJob(ScheduledRun run, ReminderPlanner planner) : IJob
{
    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await run.RunAsync(ReminderPlanner.JobName, async (window, ct) => (int)(await planner.RunAsync(window, ct)).Queued, cancellationToken);
}
