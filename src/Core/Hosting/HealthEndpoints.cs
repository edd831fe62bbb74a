using GridService.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GridService.Core.Hosting;

/// <summary><c>/healthz</c> (the process is up) and <c>/readyz</c> (the store answers).</summary>
public static class HealthEndpoints
{
    /// <summary>Maps both probes.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "live" }));
        app.MapGet("/readyz", async (RedisStore store) => await store.IsReachableAsync()
            ? Results.Ok(new { status = "ready" })
            : Results.Json(new { status = "store unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
