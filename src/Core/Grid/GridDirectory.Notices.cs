using GridService.Core.Domain;
using StackExchange.Redis;

namespace GridService.Core.Grid;

public sealed partial class GridDirectory
{
    /// <summary>Adds or replaces a notice, moving it between areas' notice sets when its areas or end changed.</summary>
    public Task SaveNoticeAsync(OutageNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentException.ThrowIfNullOrWhiteSpace(notice.Id, nameof(notice));
        if (notice.End <= notice.Start) throw new ArgumentException("A notice must end after it starts.", nameof(notice));
        return SaveIndexedAsync(Keys.Notices, notice.Id, notice, GridJson.Default.OutageNotice, (previous, tx) =>
        {
            foreach (var area in previous?.AreaIds.Except(notice.AreaIds) ?? [])
            {
                _ = tx.SortedSetRemoveAsync(Keys.AreaNotices(area), notice.Id);
            }

            foreach (var area in notice.AreaIds)
            {
                _ = tx.SortedSetAddAsync(Keys.AreaNotices(area), notice.Id, notice.End.ToUnixTimeMilliseconds());
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>The notice, or null.</summary>
    public Task<OutageNotice?> GetNoticeAsync(string id) => GetAsync(Keys.Notices, id, GridJson.Default.OutageNotice);

    /// <summary>
    /// The notices of an area that have not ended at <paramref name="now"/>: upcoming or under way, not cancelled,
    /// not restored; by start time. Ended notices stay stored but are never returned.
    /// </summary>
    public async Task<IReadOnlyList<OutageNotice>> NoticesOfAreaAsync(string areaId, DateTimeOffset now)
    {
        var ids = await Db.SortedSetRangeByScoreAsync(
            Keys.AreaNotices(areaId), now.ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start);
        var notices = await GetManyAsync(Keys.Notices, ids, GridJson.Default.OutageNotice);
        return [.. notices
            .Where(n => !n.Cancelled && n.End > now && !(n.RestoredAt <= now))
            .OrderBy(n => n.Start)
            .ThenBy(n => n.Id, StringComparer.Ordinal)];
    }
}
