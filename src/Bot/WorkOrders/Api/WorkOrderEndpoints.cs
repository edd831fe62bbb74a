using System.Globalization;
using GridService.Core.Security;
using System.Text.Json;
using GridService.Core.Grid;

namespace GridService.Bot.WorkOrders.Api;

/// <summary>
/// Operators' HTTP API behind <c>Admin:Token</c>: list and read orders, accept, resolve and transfer them. Bad input
/// answers problem details naming what to fix. An <c>Idempotency-Key</c> header makes a retried POST apply once.
/// </summary>
public static class WorkOrderEndpoints
{
    private const int MaxLimit = 500;

    /// <summary>Maps <c>/api/workorders</c>.</summary>
    public static IEndpointRouteBuilder MapWorkOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workorders").RequireOperator();
        api.MapGet("/", ListAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapGet("/{id}/photos/{photoId}", PhotoAsync);
        api.MapPost("/{id}/accept", AcceptAsync);
        api.MapPost("/{id}/resolve", ResolveAsync);
        api.MapPost("/{id}/transfer", TransferAsync);
        return app;
    }

    // limit is read as text: a typed parameter that does not parse gets an empty 400 from the framework.
    private static async Task<IResult> ListAsync(string? status, string? area, string? limit, WorkOrderStore store, GridDirectory directory)
    {
        WorkOrderStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<WorkOrderStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return BadRequest($"Unknown status '{status}'; use one of {string.Join(", ", Enum.GetNames<WorkOrderStatus>().Select(n => n.ToLowerInvariant()))}.");
            }

            wanted = parsed;
        }

        if (!string.IsNullOrWhiteSpace(area) && await directory.GetAreaAsync(area) is null)
        {
            return BadRequest($"Unknown area '{area}'; known: {string.Join(", ", (await directory.ListAreasAsync()).Select(a => a.Id))}.");
        }

        var max = 100;
        if (!string.IsNullOrEmpty(limit) && !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > MaxLimit)
        {
            return BadRequest($"limit must be a whole number between 1 and {MaxLimit}.");
        }

        var candidates = wanted is null or WorkOrderStatus.Closed or WorkOrderStatus.Cancelled
            ? await store.RecentAsync(5000)
            : await store.ActiveAsync();
        var orders = candidates
            .Where(o => wanted is null || o.Status == wanted)
            .Where(o => string.IsNullOrWhiteSpace(area) || o.AreaId == area)
            .OrderByDescending(o => o.CreatedAt)
            .Take(max)
            .Select(WorkOrderSummary.From);
        return Results.Ok(orders);
    }

    private static async Task<IResult> GetAsync(string id, WorkOrderService service)
    {
        var order = await TryFindAsync(id, service);
        return order.Order is { } o ? Results.Ok(WorkOrderDetail.From(o)) : order.Problem!;
    }

    private static Task<IResult> AcceptAsync(string id, HttpRequest request, WorkOrderService service) =>
        RunAsync<AcceptRequest>(request, service, async (body, actor, source) => await service.AcceptAsync(id, actor, source));

    private static Task<IResult> ResolveAsync(string id, HttpRequest request, WorkOrderService service) =>
        RunAsync<ResolveRequest>(request, service, async (body, actor, source) =>
            string.IsNullOrWhiteSpace(body.Result)
                ? throw WorkOrderException.BadInput("result is required: the text the askers are answered with.")
                : await service.ResolveAsync(id, actor, body.Result, source));

    private static Task<IResult> TransferAsync(string id, HttpRequest request, WorkOrderService service) =>
        RunAsync<TransferRequest>(request, service, async (body, actor, source) =>
            string.IsNullOrWhiteSpace(body.To)
                ? throw WorkOrderException.BadInput("to is required: a staff id or name, or a department.")
                : await service.TransferAsync(id, actor, body.To, body.Note, source));

    // Reads the body, finds the acting staff member (body "by"), runs the operation and maps refusals to problems.
    private static async Task<IResult> RunAsync<T>(
        HttpRequest request, WorkOrderService service, Func<T, Staff, string, Task<WorkOrder>> operation) where T : class, IActorRequest
    {
        T? body;
        try
        {
            body = await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return BadRequest($"Expected a JSON body ({ex.GetType().Name}).");
        }

        if (body is null) return BadRequest("Expected a JSON body.");
        var by = body.By;
        if (string.IsNullOrWhiteSpace(by)) return BadRequest("by is required: the staff id of the person acting.");
        if (await service.StaffAsync(by) is not { } actor) return BadRequest($"Unknown staff '{by}'.");
        var key = request.Headers["Idempotency-Key"].ToString();
        var source = "api:" + (key.Length is > 0 and <= 128 ? key : Guid.NewGuid().ToString("N"));
        try
        {
            return Results.Ok(WorkOrderDetail.From(await operation(body, actor, source)));
        }
        catch (WorkOrderException ex)
        {
            return Problem(ex);
        }
    }

    // A photo of the order, only when the order lists it: an attachment id alone opens nothing.
    private static async Task<IResult> PhotoAsync(string id, string photoId, WorkOrderService service, Attachments.AttachmentStore attachments)
    {
        var (order, problem) = await TryFindAsync(id, service);
        if (order is null) return problem!;
        if (order.Photos.All(p => p.Id != photoId) || await attachments.GetAsync(photoId) is not { } photo)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Photo not found", detail: $"Work order {order.Id} has no photo {photoId} (photos are kept {Attachments.AttachmentStore.Retention.TotalDays:0} days).");
        }

        return Results.File(photo.Data, photo.Attachment.ContentType);
    }

    private static async Task<(WorkOrder? Order, IResult? Problem)> TryFindAsync(string id, WorkOrderService service)
    {
        try
        {
            return (await service.FindAsync(id), null);
        }
        catch (WorkOrderException ex)
        {
            return (null, Problem(ex));
        }
    }

    private static IResult Problem(WorkOrderException ex) => ex.Kind switch
    {
        WorkOrderErrorKind.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Work order not found", detail: ex.Message),
        WorkOrderErrorKind.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed in this state", detail: ex.Message),
        _ => BadRequest(ex.Message),
    };

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);
}
