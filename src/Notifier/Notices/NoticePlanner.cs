using GridService.Core.Grid;
using GridService.Core.Notices;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Notices;

/// <summary>When a planned outage's announcement and day-before reminder fall due (UTC).</summary>
public sealed record NoticeSchedule(DateTimeOffset AnnounceAt, DateTimeOffset? ReminderAt);

/// <summary>
/// Decides which scheduled posts of planned outages are due and queues a request for each; it never renders or
/// sends. Each stage is recorded on the notice, so a run repeated, or run by two Notifiers at once, asks once (and
/// the request queue de-duplicates by notice and stage as well). A Notifier that was down catches up on its next
/// run: an announcement that is late still goes, unless the outage has started or the day-before reminder is due
/// too, when only the reminder goes.
/// </summary>
public sealed partial class NoticePlanner(
    GridDirectory directory, NoticeStateStore state, NoticeRequests requests, IOptions<NoticeOptions> options, ILogger<NoticePlanner> logger)
{
    /// <summary>The job's name for locks, watermarks and logs.</summary>
    public const string JobName = "notice-schedule";

    // An announcement this close before the reminder makes the reminder a repeat.
    private static readonly TimeSpan ReminderGap = TimeSpan.FromHours(12);

    private readonly NoticeOptions _options = options.Value;

    /// <summary>Plans every upcoming notice; returns how many posts were requested.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var requested = 0;
        foreach (var area in await directory.ListAreasAsync())
        {
            foreach (var notice in await directory.NoticesOfAreaAsync(area.Id, now))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (seen.Add(notice.Id) && await PlanAsync(notice, now) is not null) requested++;
            }
        }

        return requested;
    }

    /// <summary>The schedule of a planned outage, in its first area's time zone.</summary>
    public NoticeSchedule ScheduleOf(OutageNotice notice, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var day = Zones.LocalDate(notice.Start, zone);
        var announceAt = Zones.At(day.AddDays(-_options.AnnounceDaysBefore), _options.PostAt, zone);
        DateTimeOffset? reminderAt = _options.ReminderDaysBefore > 0 ? Zones.At(day.AddDays(-_options.ReminderDaysBefore), _options.PostAt, zone) : null;
        return new NoticeSchedule(announceAt, reminderAt);
    }

    /// <summary>Requests the post of <paramref name="notice"/> that is due at <paramref name="now"/>, if any; returns its stage.</summary>
    public async Task<NoticeStage?> PlanAsync(OutageNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Kind != OutageKind.Planned || notice.Cancelled || notice.RestoredAt is not null || now >= notice.Start) return null;
        var zone = Zones.Find((await directory.GetAreaAsync(notice.AreaIds[0]))?.TimeZone);
        var revision = (await state.GetDetailsAsync(notice.Id))?.Revision ?? 0;
        var stages = await state.StagesAsync(notice.Id);
        var schedule = ScheduleOf(notice, zone);
        var announced = stages.TryGetValue(nameof(NoticeStage.Announce), out var announcedAt);

        // "明天要停电" only reads right before the outage's day; on the day itself the announcement goes instead.
        if (schedule.ReminderAt is { } reminderAt && now >= reminderAt && Zones.LocalDate(now, zone) < Zones.LocalDate(notice.Start, zone)
            && !stages.ContainsKey(NoticeStages.Key(NoticeStage.DayBefore, revision)))
        {
            if (announced && announcedAt > reminderAt - ReminderGap) return null;
            await RequestAsync(notice.Id, NoticeStage.DayBefore, revision, now);
            if (!announced)
            {
                Log.AnnouncementSuperseded(logger, notice.Id);
                await state.MarkStageAsync(notice.Id, nameof(NoticeStage.Announce), now);
            }

            return NoticeStage.DayBefore;
        }

        if (announced || now < schedule.AnnounceAt) return null;
        await RequestAsync(notice.Id, NoticeStage.Announce, 0, now);
        return NoticeStage.Announce;
    }

    // Queue first, then record: a crash in between only repeats the request, which the queue de-duplicates.
    private async Task RequestAsync(string noticeId, NoticeStage stage, int revision, DateTimeOffset now)
    {
        await requests.EnqueueAsync(new NoticeRequest(noticeId, stage, JobName, revision));
        await state.MarkStageAsync(noticeId, NoticeStages.Key(stage, revision), now);
        Log.Requested(logger, noticeId, stage, revision);
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Notices + 10, LogLevel.Information, "Notice {NoticeId}: {Stage} (revision {Revision}) is due and was requested")]
        public static partial void Requested(ILogger logger, string noticeId, NoticeStage stage, int revision);

        [LoggerMessage(EventIds.Notices + 11, LogLevel.Information, "Notice {NoticeId}: announcement and day-before reminder both due; only the reminder goes")]
        public static partial void AnnouncementSuperseded(ILogger logger, string noticeId);
    }
}
