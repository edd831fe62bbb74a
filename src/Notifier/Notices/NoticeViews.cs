using GridService.Core.Grid;

namespace GridService.Notifier.Notices;

/// <summary>Builds the API's view of a notice: the shared record plus targets, schedule, posts and recipient count.</summary>
public sealed class NoticeViews(GridDirectory directory, NoticeStateStore state, NoticePlanner planner)
{
    /// <summary>The notice as the API shows it.</summary>
    public async Task<NoticeView> ViewAsync(OutageNotice notice, IReadOnlyList<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var details = await state.GetDetailsAsync(notice.Id);
        var area = await directory.GetAreaAsync(notice.AreaIds[0]);
        var schedule = notice.Kind == OutageKind.Planned ? planner.ScheduleOf(notice, Zones.Find(area?.TimeZone)) : null;
        return new NoticeView(notice.Id, NoticeStages.KindName(notice.Kind), notice.AreaIds, notice.Scope, notice.Start, notice.End,
            notice.Reason, notice.Cancelled, notice.RestoredAt, details?.Lines ?? [], details?.Transformers ?? [], details?.Revision ?? 0,
            schedule?.AnnounceAt, schedule?.ReminderAt, await state.StagesAsync(notice.Id), (await state.RecipientsAsync(notice.Id)).Count,
            warnings);
    }
}
