using GridService.Bot.StaffConsole.Data;
using Microsoft.AspNetCore.Mvc;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>
/// A new planned, temporary or fault outage notice, with a live preview rendered from the real template and model
/// (what the area's groups will read). Publishing queues it for the Notifier, which stores it and posts it as the
/// notice API would; the form's notice id makes a resubmitted form publish once.
/// </summary>
public sealed class NoticeNewModel(NoticeQueries notices) : ConsolePage
{
    private const int MaxScope = 200;
    private const int MaxReason = 300;

    /// <summary>The form's values.</summary>
    [BindProperty]
    public NoticeForm Form { get; set; } = new();

    /// <summary>The rendered preview, or null.</summary>
    public string? Preview { get; private set; }

    /// <summary>Why the form cannot be published as it is.</summary>
    public string? Refusal { get; private set; }

    /// <summary>An empty form: a planned outage in the user's first area, tomorrow 08:00-12:00 in its zone.</summary>
    public async Task OnGetAsync()
    {
        var area = Scope.Areas.Count > 0 ? Scope.Areas[0] : null;
        var zone = area?.TimeZone ?? Zones.Default;
        var tomorrow = Zones.LocalDate(Now, Zones.Find(zone)).AddDays(1);
        Form = new NoticeForm
        {
            Id = notices.NewId(), Kind = OutageKind.Planned, AreaId = area?.Id ?? "",
            Start = Fmt.Input(Zones.At(tomorrow, TimeSpan.FromHours(8), Zones.Find(zone)), zone),
            End = Fmt.Input(Zones.At(tomorrow, TimeSpan.FromHours(12), Zones.Find(zone)), zone),
        };
        await RenderAsync();
    }

    /// <summary>The preview of the form as it stands: text for the page's script, or the page again without one.</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        await RenderAsync();
        if (Request.Headers["X-Preview"] == "1")
        {
            return Refusal is null ? Content(Preview ?? "", "text/plain; charset=utf-8") : new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest, Content = Refusal, ContentType = "text/plain; charset=utf-8",
            };
        }

        return Page();
    }

    /// <summary>Publishes through the notices queue and goes to the notice's page.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var (draft, _) = Validate();
        if (draft is null)
        {
            await RenderAsync();
            return Page();
        }

        await notices.PublishAsync(draft, Scope.User.Id);
        TempData["Flash"] = draft.Kind == OutageKind.Planned
            ? "已提交发布。停电前7天内的会立即发到群里，更早的在停电前7天发出，前一天再提醒一次。"
            : "已提交发布，马上发到片区的群里。";
        return Redirect($"{ConsoleHost.BasePath}/notices/{draft.Id}?pending=true");
    }

    private async Task RenderAsync()
    {
        var (draft, area) = Validate();
        if (draft is null || area is null) return;
        Preview = await notices.PreviewAsync(draft, area);
    }

    private (OutageNotice? Draft, Area? Area) Validate()
    {
        var area = Scope.Areas.FirstOrDefault(a => a.Id == Form.AreaId);
        var start = Fmt.ParseInput(Form.Start, area?.TimeZone);
        var end = Fmt.ParseInput(Form.End, area?.TimeZone);
        Refusal = area is null ? "请选择您负责的片区。"
            : start is null || end is null ? "请填写停电开始和结束时间。"
            : end <= start ? "结束时间要晚于开始时间。"
            : Form.Kind == OutageKind.Planned && start <= Now ? "计划停电的开始时间要在将来。"
            : string.IsNullOrWhiteSpace(Form.Scope) || Form.Scope.Length > MaxScope ? $"请填写停电范围（{MaxScope}字以内）。"
            : string.IsNullOrWhiteSpace(Form.Reason) || Form.Reason.Length > MaxReason ? $"请填写停电原因（{MaxReason}字以内）。"
            : string.IsNullOrWhiteSpace(Form.Id) || Form.Id.Length > 40 ? "表单已过期，请刷新页面。"
            : null;
        return Refusal is null
            ? (new OutageNotice(Form.Id!, Form.Kind, [area!.Id], Form.Scope!.Trim(), start!.Value, end!.Value, Form.Reason!.Trim()), area)
            : (null, area);
    }
}

/// <summary>The new-notice form.</summary>
public sealed class NoticeForm
{
    /// <summary>The notice id chosen when the form was shown.</summary>
    public string? Id { get; set; }

    /// <summary>Planned, temporary or fault.</summary>
    public OutageKind Kind { get; set; } = OutageKind.Planned;

    /// <summary>The area.</summary>
    public string? AreaId { get; set; }

    /// <summary>Start, local to the area (<c>datetime-local</c>).</summary>
    public string? Start { get; set; }

    /// <summary>End, local to the area.</summary>
    public string? End { get; set; }

    /// <summary>Lines, transformers, buildings.</summary>
    public string? Scope { get; set; }

    /// <summary>Why.</summary>
    public string? Reason { get; set; }
}
