using GridService.Core.Security;
using System.Text.Json;
using GridService.Core.Grid;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Notices;

/// <summary>
/// <c>POST /api/notices</c> (201 with the id), <c>GET /api/notices/{id}</c>, and <c>/amend</c>, <c>/cancel</c>,
/// <c>/restore</c>; problem details for bad input. Behind the <see cref="OperatorGuard"/>.
/// </summary>
public static class NoticeEndpoints
{
    private const string Operator = "api";

    /// <summary>Maps the notice API.</summary>
    public static IEndpointRouteBuilder MapNoticeEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notices").RequireOperator();
        api.MapPost("", CreateAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapPost("/{id}/amend", AmendAsync);
        api.MapPost("/{id}/cancel", CancelAsync);
        api.MapPost("/{id}/restore", RestoreAsync);
        return app;
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest request, NoticeBodyValidator validator, NoticeService notices, NoticeViews views, TimeProvider time, IOptions<NoticeOptions> options)
    {
        var (body, bad) = await ReadAsync(request, NoticeJson.Default.NoticeBody);
        if (bad is not null) return bad;
        var (input, errors) = await validator.ValidateAsync(body);
        if (input is null) return Results.ValidationProblem(errors, title: "The notice is not valid; nothing was published.");
        var (notice, schedule, refusal) = await notices.CreateAsync(input, Operator);
        if (refusal is not null) return Problem(refusal);
        IReadOnlyList<string>? warnings = schedule is not null && schedule.AnnounceAt < time.GetUtcNow()
            ? [$"Less than {options.Value.AnnounceDaysBefore} days' notice: the announcement goes out now."]
            : null;
        return Results.Created($"/api/notices/{notice!.Id}", await views.ViewAsync(notice, warnings));
    }

    private static async Task<IResult> GetAsync(string id, GridDirectory directory, NoticeViews views) =>
        await directory.GetNoticeAsync(id) is { } notice
            ? Results.Ok(await views.ViewAsync(notice))
            : Problem(new NoticeRefusal(404, "Unknown notice", $"No notice {id}."));

    private static async Task<IResult> AmendAsync(
        string id, HttpRequest request, GridDirectory directory, NoticeService notices, NoticeViews views, TimeProvider time)
    {
        var (body, bad) = await ReadAsync(request, NoticeJson.Default.NoticeChangeBody);
        if (bad is not null) return bad;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var existing = await directory.GetNoticeAsync(id);
        if (existing is null) return Problem(new NoticeRefusal(404, "Unknown notice", $"No notice {id}."));
        var zone = Zones.Find((await directory.GetAreaAsync(existing.AreaIds[0]))?.TimeZone);
        var start = NoticeBodyValidator.ParseTime(body?.Start, zone, "start", errors);
        var end = NoticeBodyValidator.ParseTime(body?.End, zone, "end", errors);
        if (start is { } s && end is { } e && e <= s) NoticeBodyValidator.Add(errors, "end", "Must be after start.");
        if (existing.Kind == OutageKind.Planned && start is { } ps && ps != existing.Start && ps <= time.GetUtcNow())
        {
            NoticeBodyValidator.Add(errors, "start", "A planned outage must be moved to a time in the future.");
        }

        var reason = NoticeBodyValidator.Text(body?.Reason, "reason", errors, required: false);
        var changeReason = NoticeBodyValidator.Text(body?.ChangeReason, "changeReason", errors, required: true);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The amendment is not valid; nothing was changed.");
        var (notice, refusal) = await notices.AmendAsync(id, start!.Value, end!.Value, reason, changeReason!, Operator);
        return refusal is not null ? Problem(refusal) : Results.Ok(await views.ViewAsync(notice!));
    }

    private static async Task<IResult> CancelAsync(string id, HttpRequest request, NoticeService notices, NoticeViews views)
    {
        var (body, bad) = await ReadAsync(request, NoticeJson.Default.NoticeChangeBody);
        if (bad is not null) return bad;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var changeReason = NoticeBodyValidator.Text(body?.ChangeReason, "changeReason", errors, required: true);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "Say why the outage is called off; nothing was changed.");
        var (notice, refusal) = await notices.CancelAsync(id, changeReason!, Operator);
        return refusal is not null ? Problem(refusal) : Results.Ok(await views.ViewAsync(notice!));
    }

    private static async Task<IResult> RestoreAsync(string id, HttpRequest request, NoticeService notices, NoticeViews views)
    {
        var (body, bad) = await ReadAsync(request, NoticeJson.Default.NoticeChangeBody, allowEmpty: true);
        if (bad is not null) return bad;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var restoredAt = body?.RestoredAt is null ? null : NoticeBodyValidator.ParseTime(body.RestoredAt, Zones.Find(null), "restoredAt", errors);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The restoration is not valid; nothing was changed.");
        var (notice, refusal) = await notices.RestoreAsync(id, restoredAt, Operator);
        return refusal is not null ? Problem(refusal) : Results.Ok(await views.ViewAsync(notice!));
    }

    private static IResult Problem(NoticeRefusal refusal) => Results.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail);

    private static async Task<(T? Body, IResult? Bad)> ReadAsync<T>(HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, bool allowEmpty = false)
        where T : class
    {
        if (allowEmpty && (request.ContentLength == 0 || (request.ContentLength is null && !request.HasJsonContentType()))) return (null, null);
        try
        {
            return (await JsonSerializer.DeserializeAsync(request.Body, info, request.HttpContext.RequestAborted), null);
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON",
                detail: $"The body is not the expected JSON: {ex.Message}"));
        }
    }
}
