using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using GridService.Bot.StaffConsole.Auth;
using GridService.Core.Grid;
using GridService.Core.Notices;
using GridService.Core.Storage;
using GridService.Core.Templates;

namespace GridService.Bot.StaffConsole.Data;

/// <summary>
/// Outage notices for the console: listing those of the user's areas, the live preview rendered with the same
/// template and model the Notifier posts, and the requests (publish, amend, cancel, restore) that the Notifier
/// carries out through the notices queue. The console never changes a notice itself.
/// </summary>
public sealed class NoticeQueries(GridDirectory directory, NoticeRequests requests, TemplateRenderer renderer, RedisStore store, TimeProvider time)
{
    /// <summary>How far back ended notices are listed.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(30);

    private GridKeys Keys { get; } = GridKeys.Of(store);

    /// <summary>Notices of the user's areas that end after <see cref="History"/> ago, latest start first.</summary>
    public async Task<IReadOnlyList<OutageNotice>> ListAsync(ConsoleScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var since = (time.GetUtcNow() - History).ToUnixTimeMilliseconds();
        var idLists = await Task.WhenAll(scope.Areas.Select(a => store.Db.SortedSetRangeByScoreAsync(Keys.AreaNotices(a.Id), since, double.PositiveInfinity)));
        var ids = idLists.SelectMany(l => l).Distinct().ToArray();
        if (ids.Length == 0) return [];
        var values = await store.Db.HashGetAsync(Keys.Notices, ids);
        return [.. values.Where(v => !v.IsNull)
            .Select(v => JsonSerializer.Deserialize((string)v!, CoreJson.Default.OutageNotice)!)
            .OrderByDescending(n => n.Start)];
    }

    /// <summary>The notice if it touches one of the user's areas, else null.</summary>
    public async Task<OutageNotice?> GetAsync(ConsoleScope scope, string id)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return await directory.GetNoticeAsync(id) is { } notice && notice.AreaIds.Any(scope.SeesArea) ? notice : null;
    }

    /// <summary>The template a notice of this kind is announced with (as the Notifier's NoticeStages picks it).</summary>
    public static string AnnounceTemplate(OutageKind kind) => kind switch
    {
        OutageKind.Planned => "planned-outage",
        OutageKind.Temporary => "temporary-maintenance",
        _ => "fault-outage",
    };

    /// <summary>The text the area's groups will get: the real template with the real model.</summary>
    public async Task<string> PreviewAsync(OutageNotice notice, Area area)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(area);
        var manager = await directory.GetStaffAsync(area.ManagerId) ?? new Staff(area.ManagerId, area.ManagerId, "95598", StaffRole.Manager, "");
        return renderer.Render(AnnounceTemplate(notice.Kind), OutageModel.From(notice, area, manager));
    }

    /// <summary>A new notice id, shaped as the notice API makes them.</summary>
    public string NewId() =>
        string.Create(CultureInfo.InvariantCulture, $"N{Zones.Local(time.GetUtcNow(), Zones.Default):yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");

    /// <summary>Asks the Notifier to publish <paramref name="draft"/> (once per notice id).</summary>
    public Task<bool> PublishAsync(OutageNotice draft, string staffId)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return requests.EnqueueAsync(new NoticeRequest(draft.Id, NoticeStage.Publish, staffId, Draft: draft));
    }

    /// <summary>Asks the Notifier to amend, cancel or restore a notice (once per <see cref="NoticeChange.RequestId"/>).</summary>
    public Task<bool> ChangeAsync(string noticeId, NoticeStage stage, NoticeChange change, string staffId) =>
        requests.EnqueueAsync(new NoticeRequest(noticeId, stage, staffId, Change: change));
}
