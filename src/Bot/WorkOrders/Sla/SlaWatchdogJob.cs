using Quartz;

namespace GridService.Bot.WorkOrders.Sla;

/// <summary>
/// The SLA watchdog (Quartz, every <see cref="WorkOrderOptions.WatchdogInterval"/>): looks at every active order and
/// queues what is due. It only enqueues; the <see cref="SlaWorker"/> acts. Each run looks at all active orders, so
/// whatever fell due while the service was down is found on the first run after a restart, and the queue's
/// dedupe keeps several Bot nodes (each with its own in-memory scheduler) from acting twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class SlaWatchdogJob(WorkOrderStore store, SlaPolicy policy, SlaQueue queue, TimeProvider time, ILogger<SlaWatchdogJob> logger) : IJob
{
    /// <summary>The job's key.</summary>
    public static readonly JobKey Key = new("sla-watchdog", "workorders");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var order in await store.ActiveAsync())
        {
            foreach (var e in policy.Due(order, now))
            {
                if (await queue.EnqueueAsync(e)) queued++;
            }
        }

        if (queued > 0) Log.Queued(logger, queued);
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.WorkOrders + 20, LogLevel.Information, "SLA watchdog queued {Count} events")]
        public static partial void Queued(ILogger logger, int count);
    }
}
