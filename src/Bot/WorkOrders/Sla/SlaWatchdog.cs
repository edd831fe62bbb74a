namespace GridService.Bot.WorkOrders.Sla;

/// <summary>
/// One sweep of the SLA watchdog: looks at every active order and queues what is due. It only enqueues; the
/// <see cref="SlaWorker"/> acts. Each sweep looks at all active orders, so whatever fell due while the service was down
/// is found on the first sweep after a restart, and the queue's dedupe keeps several Bot nodes from acting twice.
/// </summary>
public sealed partial class SlaWatchdog(WorkOrderStore store, SlaPolicy policy, SlaQueue queue, TimeProvider time, ILogger<SlaWatchdog> logger)
{
    /// <summary>Queues every event due now; returns how many were new.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var order in await store.ActiveAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var e in policy.Due(order, now))
            {
                if (await queue.EnqueueAsync(e)) queued++;
            }
        }

        if (queued > 0) Log.Queued(logger, queued);
        return queued;
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.WorkOrders + 20, LogLevel.Information, "SLA watchdog queued {Count} events")]
        public static partial void Queued(ILogger logger, int count);
    }
}
