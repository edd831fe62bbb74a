using GridService.Core.Notices;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Notices;

/// <summary>Consumes notice requests (manager commands, the API, the schedule) and hands each to the <see cref="NoticeDispatcher"/>.</summary>
public sealed class NoticeWorker(
    NoticeRequests requests,
    NoticeDispatcher dispatcher,
    IOptionsMonitor<QueueWorkerOptions> options,
    TimeProvider time,
    ILogger<NoticeWorker> logger,
    IHostApplicationLifetime lifetime)
    : QueueWorker(requests.Queue, options.Get(NoticeRequests.QueueName), time, logger, lifetime)
{
    /// <inheritdoc />
    protected override Task HandleAsync(QueueItem item, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(NoticeRequests.Parse(item.Payload), cancellationToken);
}
