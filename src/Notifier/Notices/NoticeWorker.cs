using GridService.Core.Chat;
using GridService.Core.Domain;
using GridService.Core.Grid;
using GridService.Core.Notices;
using GridService.Core.Queues;
using GridService.Notifier.Templates;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Notices;

/// <summary>
/// Turns a notice request into one rendered post per group of the notice's areas. Post ids are
/// (notice, stage, group), so a request handled twice never posts twice.
/// </summary>
public sealed partial class NoticeWorker(
    NoticeRequests requests,
    GridDirectory directory,
    TemplateRenderer renderer,
    Outbox outbox,
    IOptionsMonitor<QueueWorkerOptions> options,
    TimeProvider time,
    ILogger<NoticeWorker> logger,
    IHostApplicationLifetime lifetime)
    : QueueWorker(requests.Queue, options.Get(NoticeRequests.QueueName), time, logger, lifetime)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var request = NoticeRequests.Parse(item.Payload);
        var notice = await directory.GetNoticeAsync(request.NoticeId)
            ?? throw new PermanentFailureException($"Notice {request.NoticeId} does not exist.");
        var kind = TemplateKind(notice.Kind, request.Stage);
        var posts = 0;
        foreach (var areaId in notice.AreaIds)
        {
            var area = await directory.GetAreaAsync(areaId) ?? throw new PermanentFailureException($"Notice {notice.Id} names unknown area {areaId}.");
            var manager = await directory.GetStaffAsync(area.ManagerId) ?? throw new PermanentFailureException($"Area {area.Id} names unknown manager.");
            var text = renderer.Render(kind, OutageModel.From(notice, area, manager));
            foreach (var group in await directory.GroupsOfAreaAsync(area.Id))
            {
                var id = $"notice-{notice.Id}-{request.Stage}-{group.Id}".ToLowerInvariant();
                await outbox.EnqueueAsync(new OutboundMessage(id, group.Channel, group.Id, null, text, kind, null,
                    Critical: true, Time.GetUtcNow(), NoticeId: notice.Id));
                posts++;
            }
        }

        Log.Posted(Logger, notice.Id, request.Stage, posts);
    }

    /// <summary>The template for a notice kind at a stage.</summary>
    public static string TemplateKind(OutageKind kind, NoticeStage stage) => (kind, stage) switch
    {
        (_, NoticeStage.Restored) => "restoration",
        (_, NoticeStage.Amended) => "outage-amended",
        (_, NoticeStage.Cancelled) => "outage-cancelled",
        (OutageKind.Planned, NoticeStage.DayBefore) => "planned-outage-reminder",
        (OutageKind.Planned, _) => "planned-outage",
        (OutageKind.Temporary, _) => "temporary-maintenance",
        (OutageKind.Fault, _) => "fault-outage",
        _ => throw new PermanentFailureException($"No template for {kind} at {stage}."),
    };

    private static partial class Log
    {
        [LoggerMessage(600, LogLevel.Information, "Notice {NoticeId} {Stage}: {Posts} posts queued")]
        public static partial void Posted(ILogger logger, string noticeId, NoticeStage stage, int posts);
    }
}
