using System.Globalization;
using System.Security.Cryptography;
using GridService.Core.Grid;
using GridService.Core.Notices;

namespace GridService.Notifier.Notices;

/// <summary>
/// Publishes, amends, cancels and restores outage notices: stores them and queues the posts that are due now;
/// the schedule queues the rest. Planned outages are announced by the schedule (7 days before, or at once when
/// that is past); temporary maintenance and fault outages are announced at once.
/// </summary>
public sealed partial class NoticeService(
    GridDirectory directory, NoticeStateStore state, NoticeRequests requests, NoticePlanner planner, TimeProvider time, ILogger<NoticeService> logger)
{
    /// <summary>Stores a new notice and queues what is due; the schedule when it is planned.</summary>
    public async Task<(OutageNotice? Notice, NoticeSchedule? Schedule, NoticeRefusal? Refusal)> CreateAsync(NoticeInput input, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        var id = input.Id ?? NewId(now);
        var notice = new OutageNotice(id, input.Kind, [.. input.Areas.Select(a => a.Id)], input.Scope, input.Start, input.End, input.Reason);
        if (await directory.GetNoticeAsync(id) is { } existing)
        {
            // A client retrying the same request gets the same answer; a different notice under the id is a conflict.
            return existing with { AreaIds = notice.AreaIds } == notice && existing.AreaIds.SequenceEqual(notice.AreaIds)
                ? (existing, ScheduleOf(existing, input.Areas[0]), null)
                : (null, null, new NoticeRefusal(409, "Notice exists", $"A different notice {id} already exists; choose another id."));
        }

        // Details first: a planner that sees the notice must also see the lines it targets.
        await state.SaveDetailsAsync(id, new NoticeDetails(input.Lines, input.Transformers, 0, null, null, null, requestedBy, now));
        await directory.SaveNoticeAsync(notice);
        Log.Created(logger, id, input.Kind, string.Join(',', notice.AreaIds), requestedBy);
        if (input.Kind == OutageKind.Planned)
        {
            await planner.PlanAsync(notice, now);
            return (notice, ScheduleOf(notice, input.Areas[0]), null);
        }

        await RequestAsync(id, NoticeStage.Announce, 0, requestedBy);
        return (notice, null, null);
    }

    /// <summary>
    /// Publishes a notice drafted elsewhere (a manager's 停电通知 + 确认 in the Bot) exactly as the API would, area-wide;
    /// returns why it was refused, or null. Publishing the same draft again is a no-op.
    /// </summary>
    public async Task<NoticeRefusal?> PublishAsync(OutageNotice draft, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var areas = new List<Area>(draft.AreaIds.Count);
        foreach (var areaId in draft.AreaIds)
        {
            if (await directory.GetAreaAsync(areaId) is not { } area) return new NoticeRefusal(404, "Unknown area", $"No area {areaId}.");
            areas.Add(area);
        }

        if (areas.Count == 0) return new NoticeRefusal(400, "No area", "A notice names at least one area.");
        var input = new NoticeInput(draft.Id, draft.Kind, areas, draft.Start, draft.End, draft.Reason, draft.Scope, [], []);
        return (await CreateAsync(input, requestedBy)).Refusal;
    }

    /// <summary>Moves a notice to a new window (and reason), telling everyone who got it.</summary>
    public async Task<(OutageNotice? Notice, NoticeRefusal? Refusal)> AmendAsync(
        string id, DateTimeOffset start, DateTimeOffset end, string? reason, string changeReason, string requestedBy)
    {
        var (notice, refusal) = await OpenNoticeAsync(id, "amended");
        if (notice is null) return (null, refusal);
        var details = await state.GetDetailsAsync(id) ?? NoticeDetails.AreaWide(requestedBy, time.GetUtcNow());
        var revision = details.Revision + 1;
        await state.SaveDetailsAsync(id, details with
        {
            Revision = revision, PreviousStart = notice.Start, PreviousEnd = notice.End, ChangeReason = changeReason,
        });
        var amended = notice with { Start = start, End = end, Reason = reason ?? notice.Reason };
        await directory.SaveNoticeAsync(amended);
        await RequestAsync(id, NoticeStage.Amended, revision, requestedBy);
        await planner.PlanAsync(amended, time.GetUtcNow());
        return (amended, null);
    }

    /// <summary>Calls a notice off, telling everyone who got it.</summary>
    public async Task<(OutageNotice? Notice, NoticeRefusal? Refusal)> CancelAsync(string id, string changeReason, string requestedBy)
    {
        var (notice, refusal) = await OpenNoticeAsync(id, "cancelled");
        if (notice is null) return (null, refusal);
        var details = await state.GetDetailsAsync(id) ?? NoticeDetails.AreaWide(requestedBy, time.GetUtcNow());
        await state.SaveDetailsAsync(id, details with { ChangeReason = changeReason });
        var cancelled = notice with { Cancelled = true };
        await directory.SaveNoticeAsync(cancelled);
        await RequestAsync(id, NoticeStage.Cancelled, 0, requestedBy);
        return (cancelled, null);
    }

    /// <summary>Records that power is back and tells everyone who got the notice.</summary>
    public async Task<(OutageNotice? Notice, NoticeRefusal? Refusal)> RestoreAsync(string id, DateTimeOffset? restoredAt, string requestedBy)
    {
        var (notice, refusal) = await OpenNoticeAsync(id, "restored");
        if (notice is null) return (null, refusal);
        var now = time.GetUtcNow();
        var at = restoredAt ?? now;
        if (notice.Start > now) return (null, new NoticeRefusal(409, "Not started", $"Notice {id} starts at {Format(notice.Start)}; cancel or amend it instead."));
        if (at > now || at < notice.Start)
        {
            return (null, new NoticeRefusal(409, "Bad restoration time", $"restoredAt must be between the start {Format(notice.Start)} and now."));
        }

        var restored = notice with { RestoredAt = at };
        await directory.SaveNoticeAsync(restored);
        await RequestAsync(id, NoticeStage.Restored, 0, requestedBy);
        return (restored, null);
    }

    private async Task<(OutageNotice? Notice, NoticeRefusal? Refusal)> OpenNoticeAsync(string id, string verb)
    {
        var notice = await directory.GetNoticeAsync(id);
        if (notice is null) return (null, new NoticeRefusal(404, "Unknown notice", $"No notice {id}."));
        if (notice.Cancelled) return (null, new NoticeRefusal(409, "Notice cancelled", $"Notice {id} was cancelled and cannot be {verb}."));
        if (notice.RestoredAt is not null) return (null, new NoticeRefusal(409, "Notice restored", $"Power is back for notice {id}; it cannot be {verb}."));
        return (notice, null);
    }

    private NoticeSchedule? ScheduleOf(OutageNotice notice, Area area) =>
        notice.Kind == OutageKind.Planned ? planner.ScheduleOf(notice, Zones.Find(area.TimeZone)) : null;

    private async Task RequestAsync(string id, NoticeStage stage, int revision, string requestedBy)
    {
        await requests.EnqueueAsync(new NoticeRequest(id, stage, requestedBy, revision));
        await state.MarkStageAsync(id, NoticeStages.Key(stage, revision), time.GetUtcNow());
        Log.Requested(logger, id, stage, revision, requestedBy);
    }

    private static string NewId(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"N{Zones.Local(now, Zones.Default):yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");

    private static string Format(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(EventIds.Notices + 20, LogLevel.Information, "Notice {NoticeId} ({Kind}) created for {Areas} by {RequestedBy}")]
        public static partial void Created(ILogger logger, string noticeId, OutageKind kind, string areas, string requestedBy);

        [LoggerMessage(EventIds.Notices + 21, LogLevel.Information, "Notice {NoticeId}: {Stage} (revision {Revision}) requested by {RequestedBy}")]
        public static partial void Requested(ILogger logger, string noticeId, NoticeStage stage, int revision, string requestedBy);
    }
}
