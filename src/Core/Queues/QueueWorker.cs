using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace GridService.Core.Queues;

/// <summary>Thrown by a handler for a failure that no retry can fix; the item is dead-lettered at once.</summary>
public sealed class PermanentFailureException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Consumes a <see cref="ReliableQueue"/>: takes items, hands them to <see cref="HandleAsync"/>, acknowledges on
/// success, retries with backoff on failure and dead-letters after the last attempt. Polls with a short delay and
/// wakes early on the queue's pub/sub signal (StackExchange.Redis has no blocking list commands).
/// </summary>
public abstract partial class QueueWorker(
    ReliableQueue queue, QueueWorkerOptions options, TimeProvider time, ILogger logger, IHostApplicationLifetime lifetime)
    : BackgroundService
{
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>The clock, for handlers.</summary>
    protected TimeProvider Time => time;

    /// <summary>The worker's logger, for handlers.</summary>
    protected ILogger Logger => logger;

    /// <summary>Handles one item; throw to fail this attempt.</summary>
    protected abstract Task HandleAsync(QueueItem item, CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            if (options.Concurrency <= 0) return;
            await queue.SubscribeAsync(Wake, stoppingToken);
            var loops = Enumerable.Range(0, options.Concurrency).Select(_ => ConsumeAsync(stoppingToken)).ToList();
            loops.Add(MaintainAsync(stoppingToken));
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.WorkerFailed(logger, queue.Name, ex);
            lifetime.StopApplication();
            throw;
        }
    }

    private void Wake()
    {
        if (_signal.CurrentCount < options.Concurrency) _signal.Release();
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        var sampledAt = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            await RunStoreStepAsync(async () =>
            {
                var reclaimed = await queue.ReclaimExpiredAsync();
                if (reclaimed > 0) Log.Reclaimed(logger, queue.Name, reclaimed);
                await queue.PromoteDueAsync();
                var now = time.GetUtcNow();
                if (now - sampledAt >= QueueMetrics.SampleInterval)
                {
                    sampledAt = now;
                    var oldest = await queue.OldestReadyAtAsync();
                    QueueMetrics.Sampled(queue.Name, await queue.CountsAsync(), oldest is { } at ? now - at : TimeSpan.Zero);
                }
            }, cancellationToken);
            await Task.Delay(options.ReclaimInterval < options.PollInterval ? options.ReclaimInterval : options.PollInterval, time, cancellationToken);
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            QueueItem? item = null;
            await RunStoreStepAsync(async () => item = await queue.TryTakeAsync(options.Lease), cancellationToken);
            if (item is null)
            {
                await _signal.WaitAsync(options.PollInterval, cancellationToken);
                continue;
            }

            await ProcessAsync(item, cancellationToken);
        }
    }

    private async Task ProcessAsync(QueueItem item, CancellationToken cancellationToken)
    {
        // Wall time, not the injected clock: a fake clock does not move while a handler runs.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            await HandleAsync(item, cancellationToken);
            await queue.AckAsync(item);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Left in processing: reclaimed after the lease, so shutdown loses nothing.
        }
        catch (Exception ex) when (ex is PermanentFailureException || item.Attempt >= options.MaxAttempts)
        {
            outcome = "dead";
            Log.DeadLettered(logger, queue.Name, item.Id, item.Attempt, ex.Message);
            await RunStoreStepAsync(() => queue.DeadLetterAsync(item, ex.Message), cancellationToken);
        }
        catch (Exception ex)
        {
            outcome = "retry";
            var delay = options.RetryBaseDelay * Math.Pow(2, item.Attempt - 1);
            Log.Retrying(logger, queue.Name, item.Id, item.Attempt, delay, ex.Message);
            await RunStoreStepAsync(() => queue.RetryLaterAsync(item, delay, ex.Message), cancellationToken);
        }
        finally
        {
            QueueMetrics.Handled(queue.Name, outcome, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    // The store going away mid-run is not fatal: log, wait, try again; the item stays leased and is reclaimed.
    private async Task RunStoreStepAsync(Func<Task> step, CancellationToken cancellationToken)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.StoreUnavailable(logger, queue.Name, ex.Message);
            await Task.Delay(options.PollInterval * 4, time, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Queues, LogLevel.Critical, "Queue worker {Queue} failed and stops the host")]
        public static partial void WorkerFailed(ILogger logger, string queue, Exception exception);

        [LoggerMessage(EventIds.Queues + 1, LogLevel.Warning, "Queue {Queue}: reclaimed {Count} items whose worker stopped")]
        public static partial void Reclaimed(ILogger logger, string queue, int count);

        [LoggerMessage(EventIds.Queues + 2, LogLevel.Error, "Queue {Queue}: item {ItemId} dead-lettered after attempt {Attempt}: {Reason}")]
        public static partial void DeadLettered(ILogger logger, string queue, string itemId, int attempt, string reason);

        [LoggerMessage(EventIds.Queues + 3, LogLevel.Warning, "Queue {Queue}: item {ItemId} attempt {Attempt} failed, retry in {Delay}: {Reason}")]
        public static partial void Retrying(ILogger logger, string queue, string itemId, int attempt, TimeSpan delay, string reason);

        [LoggerMessage(EventIds.Queues + 4, LogLevel.Warning, "Queue {Queue}: store unavailable, retrying: {Reason}")]
        public static partial void StoreUnavailable(ILogger logger, string queue, string reason);
    }
}
