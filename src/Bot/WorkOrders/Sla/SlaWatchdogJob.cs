using Quartz;

namespace GridService.Bot.WorkOrders.Sla;

/// <summary>Runs a <see cref="SlaWatchdog"/> sweep on Quartz, every <see cref="WorkOrderOptions.WatchdogInterval"/>.</summary>
[DisallowConcurrentExecution]
public sealed class SlaWatchdogJob(SlaWatchdog watchdog) : IJob
{
    /// <summary>The job's key.</summary>
    public static readonly JobKey Key = new("sla-watchdog", "workorders");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await watchdog.SweepAsync(cancellationToken);
    }
}
