using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GridService.Bot.StaffConsole;

/// <summary>Server time of console pages and sign-in outcomes (meter <c>GridService.Console</c>).</summary>
public static class ConsoleMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "GridService.Console";

    /// <summary>The page-duration histogram's name (the console bench listens to it).</summary>
    public const string PageDurationName = "gridservice.console.page.duration";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> PageDuration = Meter.CreateHistogram(
        PageDurationName, "s", "Server time of one console request, by route and method.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5] });

    private static readonly Counter<long> SignIns = Meter.CreateCounter<long>(
        "gridservice.console.signins", "{attempt}", "Console sign-in attempts, by outcome (ok, wrong, locked).");

    /// <summary>Counts a sign-in attempt.</summary>
    public static void SignIn(string outcome) => SignIns.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Times every request under <c>/console</c>, from routing to the last byte written.</summary>
    public static async Task TimeAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next();
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "other";
            PageDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("method", context.Request.Method));
        }
    }
}
