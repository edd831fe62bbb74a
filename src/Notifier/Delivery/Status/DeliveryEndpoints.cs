using GridService.Core.Security;

namespace GridService.Notifier.Delivery.Status;

/// <summary>
/// <c>GET /api/deliveries?notice=&lt;id&gt;&amp;state=dead&amp;max=&lt;n&gt;</c>, <c>POST /api/deliveries/redrive</c> and
/// <c>GET /api/deliveries/robots</c>, behind the <see cref="OperatorGuard"/>.
/// </summary>
public static class DeliveryEndpoints
{
    /// <summary>Most records one request returns.</summary>
    public const int MaxRecords = 10_000;

    /// <summary>Maps the delivery endpoints.</summary>
    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deliveries").RequireOperator();
        group.MapGet("", async (string? notice, string? state, int? max, IDeliveryAdmin admin, CancellationToken cancellationToken) =>
        {
            if (state is not (null or "dead"))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown state filter",
                    detail: "state may only be 'dead'; without it every state is listed.");
            }

            if (max is < 1 or > MaxRecords)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad max", detail: $"max must be 1..{MaxRecords}.");
            }

            var listing = await admin.ListAsync(notice, state == "dead", max ?? 200, cancellationToken);
            return Results.Json(listing, DeliveryApiJson.Default.DeliveryListing);
        });
        group.MapPost("/redrive", async (IDeliveryAdmin admin, CancellationToken cancellationToken) =>
            Results.Json(await admin.RedriveAsync(cancellationToken), DeliveryApiJson.Default.RedriveResult));
        group.MapGet("/robots", async (IDeliveryAdmin admin, CancellationToken cancellationToken) =>
            Results.Json(await admin.RobotsAsync(cancellationToken), DeliveryApiJson.Default.IReadOnlyListDisabledRobot));
        return app;
    }
}
