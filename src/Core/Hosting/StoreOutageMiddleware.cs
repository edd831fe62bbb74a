using System.Globalization;
using GridService.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GridService.Core.Hosting;

/// <summary>
/// Every HTTP caller but <c>/healthz</c> gets <c>503</c> with <c>Retry-After</c> at once while the store is down
/// (bridges, WeCom callbacks, <c>/readyz</c>, operator routes), and a Redis failure that escapes an endpoint becomes
/// the same answer instead of a 500 with a stack trace. Any other 503 gets a <c>Retry-After</c> too.
/// </summary>
public sealed class StoreOutageMiddleware(RequestDelegate next, StoreHealth health)
{
    /// <summary>Seconds a caller is asked to wait.</summary>
    public const int RetryAfterSeconds = 5;

    private static readonly string RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);

    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.StartsWithSegments("/healthz"))
        {
            await next(context);
            return;
        }

        if (!health.IsAvailable)
        {
            await Unavailable(context);
            return;
        }

        context.Response.OnStarting(static state =>
        {
            var response = (HttpResponse)state;
            if (response.StatusCode == StatusCodes.Status503ServiceUnavailable && !response.Headers.ContainsKey("Retry-After")) response.Headers.RetryAfter = RetryAfter;
            return Task.CompletedTask;
        }, context.Response);

        try
        {
            await next(context);
        }
        catch (Exception ex) when (StoreHealth.IsStoreFailure(ex) && !context.Response.HasStarted)
        {
            health.Failed(ex.GetType().Name + ": " + ex.Message);
            context.Response.Clear();
            await Unavailable(context);
        }
    }

    private static Task Unavailable(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfter;
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Store unavailable",
            detail: $"The data store is not reachable; nothing was accepted. Retry in {RetryAfterSeconds} s.").ExecuteAsync(context);
    }
}

/// <summary>Puts the shared middleware and probes on a host.</summary>
public static class GridWebApp
{
    /// <summary>The store-outage answer for every route, and <c>/healthz</c> and <c>/readyz</c>.</summary>
    public static WebApplication UseGridCore(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<StoreOutageMiddleware>();
        app.MapHealthEndpoints();
        return app;
    }
}
