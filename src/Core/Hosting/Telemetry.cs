using GridService.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace GridService.Core.Hosting;

/// <summary>
/// Metrics through OpenTelemetry with a Prometheus scrape endpoint. Every feature defines its instruments once in a
/// small <c>*Metrics.cs</c> beside it, on a meter named <c>GridService.&lt;Feature&gt;</c>; this registers them all, and
/// ASP.NET Core's own HTTP server metrics. docs/metrics.md lists the series; docs/grafana-dashboard.json shows them.
/// </summary>
public static class Telemetry
{
    /// <summary>Where Prometheus scrapes.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Registers the meter provider and the Prometheus exporter.</summary>
    public static IServiceCollection AddGridTelemetry(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("GridService.*")
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            // Each scrape collects afresh: Prometheus scrapes every 15 s or so, and a test scrapes twice in a row.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>
    /// Maps <c>/metrics</c> behind the operator guard (the token, or loopback without one), like every operator route:
    /// series names and counts tell an outsider how busy the service is.
    /// </summary>
    public static IEndpointConventionBuilder MapMetricsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(GuardAsync), optionsName: null);

    private static async Task GuardAsync(HttpContext context, Func<Task> next)
    {
        var token = context.RequestServices.GetRequiredService<IOptions<OperatorOptions>>().Value.Token;
        if (OperatorGuard.Check(token, context.Request.Headers.Authorization.ToString(), context.Connection.RemoteIpAddress) is { } refusal)
        {
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Operator token required", detail: refusal).ExecuteAsync(context);
            return;
        }

        await next();
    }
}
