using System.Security.Cryptography;
using System.Text;

namespace GridService.Notifier.Delivery.Status;

/// <summary>
/// <c>GET /api/deliveries?notice=&lt;id&gt;&amp;state=dead&amp;max=&lt;n&gt;</c>, <c>POST /api/deliveries/redrive</c> and
/// <c>GET /api/deliveries/robots</c>, behind <c>Authorization: Bearer &lt;Admin:Token&gt;</c> when a token is configured.
/// </summary>
public static class DeliveryEndpoints
{
    /// <summary>Most records one request returns.</summary>
    public const int MaxRecords = 10_000;

    /// <summary>Maps the delivery endpoints.</summary>
    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/deliveries").AddEndpointFilter<AdminTokenFilter>();
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

/// <summary>Requires <c>Authorization: Bearer &lt;Admin:Token&gt;</c> when <c>Admin:Token</c> is set; open otherwise (loopback default).</summary>
public sealed class AdminTokenFilter(IConfiguration configuration) : IEndpointFilter
{
    /// <summary>The configuration key of the token.</summary>
    public const string TokenKey = "Admin:Token";

    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration[TokenKey];
        if (string.IsNullOrEmpty(expected)) return next(context);
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(expected)))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return ValueTask.FromResult<object?>(Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: $"Send Authorization: Bearer <{TokenKey}>."));
    }
}
