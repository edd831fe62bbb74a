using GridService.Bot.StaffConsole.Data;
using GridService.Core.Notices;
using Microsoft.AspNetCore.Mvc;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>
/// One notice: what it says, who it reached (per-recipient delivery), and amend, cancel and restore, which the
/// Notifier carries out through the notices queue exactly as its API does (everyone who got the notice is told).
/// </summary>
public sealed class NoticeModel(NoticeQueries notices, DeliveryQueries deliveries, GridService.Core.Grid.GridDirectory directory) : ConsolePage
{
    /// <summary>The notice, or null while its publication is still queued.</summary>
    public OutageNotice? Notice { get; private set; }

    /// <summary>Its first area.</summary>
    public Area? Area { get; private set; }

    /// <summary>What its groups were (or will be) sent.</summary>
    public string? Text { get; private set; }

    /// <summary>Its deliveries, by target.</summary>
    public IReadOnlyList<DeliveryRecord> Deliveries { get; private set; } = [];

    /// <summary>The form's one-time id.</summary>
    public string Nonce { get; } = NewNonce();

    /// <summary>Now, for the view.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>True while waiting for a just-submitted notice to be stored.</summary>
    public bool Pending { get; private set; }

    /// <summary>Shows it.</summary>
    public async Task<IActionResult> OnGetAsync(string id, bool pending)
    {
        At = Now;
        Notice = await notices.GetAsync(Scope, id);
        if (Notice is null)
        {
            // A notice just submitted is stored by the Notifier a moment later: the page waits for it.
            if (!pending) return NotFound();
            Pending = true;
            return Page();
        }

        Area = Scope.Areas.FirstOrDefault(a => Notice.AreaIds.Contains(a.Id)) ?? await directory.GetAreaAsync(Notice.AreaIds[0]);
        Text = Area is null ? null : await notices.PreviewAsync(Notice, Area);
        Deliveries = await deliveries.OfNoticeAsync(id);
        return Page();
    }

    /// <summary>改期: a new window, and why.</summary>
    public Task<IActionResult> OnPostAmendAsync(string id, string? start, string? end, string? reason, string? changeReason) =>
        ChangeAsync(id, NoticeStage.Amend, (notice, zone) =>
        {
            var s = Fmt.ParseInput(start, zone);
            var e = Fmt.ParseInput(end, zone);
            if (s is null || e is null) return (null, "请填写新的开始和结束时间。");
            if (e <= s) return (null, "结束时间要晚于开始时间。");
            if (notice.Kind == OutageKind.Planned && s != notice.Start && s <= Now) return (null, "计划停电只能改到将来的时间。");
            if (string.IsNullOrWhiteSpace(changeReason)) return (null, "请写上改期原因，会告诉收到通知的人。");
            return (new NoticeChange(FormNonce(), s, e, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), changeReason.Trim()), "已提交改期，收到过通知的群和用户会收到改期通知。");
        });

    /// <summary>取消.</summary>
    public Task<IActionResult> OnPostCancelAsync(string id, string? changeReason) =>
        ChangeAsync(id, NoticeStage.Cancel, (_, _) => string.IsNullOrWhiteSpace(changeReason)
            ? (null, "请写上取消原因，会告诉收到通知的人。")
            : (new NoticeChange(FormNonce(), ChangeReason: changeReason.Trim()), "已提交取消，收到过通知的群和用户会收到取消通知。"));

    /// <summary>恢复送电.</summary>
    public Task<IActionResult> OnPostRestoreAsync(string id, string? restoredAt) =>
        ChangeAsync(id, NoticeStage.Restore, (notice, zone) =>
        {
            var at = Fmt.ParseInput(restoredAt, zone);
            if (notice.Start > Now) return (null, "还没开始停电，请改期或取消。");
            if (at is { } t && (t > Now || t < notice.Start)) return (null, "送电时间要在停电开始之后、现在之前。");
            return (new NoticeChange(FormNonce(), RestoredAt: at), "已提交恢复送电，收到过通知的群和用户会收到来电通知。");
        });

    private string FormNonce()
    {
        var nonce = Request.Form["nonce"].ToString();
        return nonce.Length is > 0 and <= 64 ? nonce : NewNonce();
    }

    private async Task<IActionResult> ChangeAsync(string id, NoticeStage stage, Func<OutageNotice, string, (NoticeChange? Change, string Message)> build)
    {
        var url = $"{ConsoleHost.BasePath}/notices/{Uri.EscapeDataString(id)}";
        if (await notices.GetAsync(Scope, id) is not { } notice) return NotFound();
        if (notice.Cancelled) return Failed("这条通知已取消，不能再修改。", url);
        if (notice.RestoredAt is not null) return Failed("这条通知已恢复送电，不能再修改。", url);
        var zone = (await directory.GetAreaAsync(notice.AreaIds[0]))?.TimeZone ?? Zones.Default;
        var (change, message) = build(notice, zone);
        if (change is null) return Failed(message, url);
        await notices.ChangeAsync(id, stage, change, Scope.User.Id);
        return Done(message, url);
    }
}
