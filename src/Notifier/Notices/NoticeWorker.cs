using GridService.Core.Notices;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Notices;

/// <summary>
/// Consumes notice requests (manager commands, the API, the schedule): a <see cref="NoticeStage.Publish"/> request
/// goes to <see cref="NoticeService"/> like an API call, every other stage to the <see cref="NoticeDispatcher"/>.
/// </summary>
public sealed class NoticeWorker(
    NoticeRequests requests,
    NoticeService notices,
    NoticeDispatcher dispatcher,
    IOptionsMonitor<QueueWorkerOptions> options,
    TimeProvider time,
    ILogger<NoticeWorker> logger,
    IHostApplicationLifetime lifetime)
    : QueueWorker(requests.Queue, options.Get(NoticeRequests.QueueName), time, logger, lifetime)
{
    /// <inheritdoc />
    protected override Task HandleAsync(QueueItem item, CancellationToken cancellationToken) =>
        HandleAsync(NoticeRequests.Parse(item.Payload), cancellationToken);

    /// <summary>Handles one request (also called directly by tests that drive the Notifier step by step).</summary>
    public async Task HandleAsync(NoticeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Stage != NoticeStage.Publish)
        {
            await dispatcher.DispatchAsync(request, cancellationToken);
            return;
        }

        var draft = request.Draft ?? throw new PermanentFailureException($"Publish request {request.NoticeId} carries no notice.");
        if (await notices.PublishAsync(draft, request.RequestedBy) is { } refusal)
        {
            throw new PermanentFailureException($"Notice {draft.Id} was not published: {refusal.Detail}");
        }
    }
}
