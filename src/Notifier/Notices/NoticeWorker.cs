using GridService.Core.Grid;
using GridService.Core.Notices;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Notices;

/// <summary>
/// Consumes notice requests (manager commands, the console, the API, the schedule): <see cref="NoticeStage.Publish"/>,
/// <see cref="NoticeStage.Amend"/>, <see cref="NoticeStage.Cancel"/> and <see cref="NoticeStage.Restore"/> go to
/// <see cref="NoticeService"/> like API calls, every other stage to the <see cref="NoticeDispatcher"/>.
/// </summary>
public sealed class NoticeWorker(
    NoticeRequests requests,
    GridDirectory directory,
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
        switch (request.Stage)
        {
            case NoticeStage.Publish:
                var draft = request.Draft ?? throw new PermanentFailureException($"Publish request {request.NoticeId} carries no notice.");
                Refused(draft.Id, "published", await notices.PublishAsync(draft, request.RequestedBy));
                return;
            case NoticeStage.Amend or NoticeStage.Cancel or NoticeStage.Restore:
                await ChangeAsync(request, request.Change ?? throw new PermanentFailureException($"{request.Stage} request {request.NoticeId} carries no change."));
                return;
            default:
                await dispatcher.DispatchAsync(request, cancellationToken);
                return;
        }
    }

    // A change asked for through the queue (the Bot's console), applied as the API applies it. A request handled
    // again after a crash finds the change already made and does nothing, so nobody hears of it twice.
    private async Task ChangeAsync(NoticeRequest request, NoticeChange change)
    {
        var id = request.NoticeId;
        var current = await directory.GetNoticeAsync(id) ?? throw new PermanentFailureException($"Notice {id} does not exist.");
        switch (request.Stage)
        {
            case NoticeStage.Amend:
                if (change.Start is not { } start || change.End is not { } end || end <= start)
                {
                    throw new PermanentFailureException($"Amend request for {id} needs a start before its end.");
                }

                if (current.Start == start && current.End == end && (change.Reason is null || current.Reason == change.Reason)) return;
                Refused(id, "amended", (await notices.AmendAsync(id, start, end, change.Reason, change.ChangeReason ?? "", request.RequestedBy)).Refusal);
                return;
            case NoticeStage.Cancel:
                if (current.Cancelled) return;
                Refused(id, "cancelled", (await notices.CancelAsync(id, change.ChangeReason ?? "", request.RequestedBy)).Refusal);
                return;
            default:
                if (current.RestoredAt is not null) return;
                Refused(id, "restored", (await notices.RestoreAsync(id, change.RestoredAt, request.RequestedBy)).Refusal);
                return;
        }
    }

    private static void Refused(string id, string verb, NoticeRefusal? refusal)
    {
        if (refusal is not null) throw new PermanentFailureException($"Notice {id} was not {verb}: {refusal.Detail}");
    }
}
