using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace GridService.Core.Queues;

/// <summary>
/// Queue depth and age and handler latency (meter <c>GridService.Queues</c>). Workers sample their queue's counts
/// now and then (<see cref="SampleInterval"/>); the gauges report the latest sample, so a scrape never waits on Redis.
/// </summary>
public static class QueueMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "GridService.Queues";

    /// <summary>How often a worker samples its queue.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(5);

    // The gauges are created with the meter, which keeps them and calls back on each collection.
    private static readonly Meter Meter = CreateMeter();

    private static readonly ConcurrentDictionary<string, (QueueCounts Counts, double OldestAgeSeconds)> Samples = new(StringComparer.Ordinal);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "gridservice.queue.handle.duration", "s", "Time a worker spent handling one item, by queue and outcome (ok, retry, dead).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static Meter CreateMeter()
    {
        var meter = new Meter(MeterName);
        meter.CreateObservableGauge(
            "gridservice.queue.depth", ObserveDepth, "{item}", "Items in a queue, by queue and state (ready, processing, delayed, dead).");
        meter.CreateObservableGauge(
            "gridservice.queue.oldest.age", ObserveAge, "s", "Age of the oldest ready item of a queue (0 when none is waiting).");
        return meter;
    }

    /// <summary>Records how long handling one item took.</summary>
    public static void Handled(string queue, string outcome, TimeSpan elapsed) =>
        Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Records a sample of a queue's counts and the age of its oldest ready item.</summary>
    public static void Sampled(string queue, QueueCounts counts, TimeSpan oldest) => Samples[queue] = (counts, Math.Max(0, oldest.TotalSeconds));

    private static IEnumerable<Measurement<long>> ObserveDepth()
    {
        foreach (var (queue, (counts, _)) in Samples)
        {
            yield return Measure(counts.Ready, queue, "ready");
            yield return Measure(counts.Processing, queue, "processing");
            yield return Measure(counts.Delayed, queue, "delayed");
            yield return Measure(counts.Dead, queue, "dead");
        }
    }

    private static IEnumerable<Measurement<double>> ObserveAge() =>
        Samples.Select(s => new Measurement<double>(s.Value.OldestAgeSeconds, new KeyValuePair<string, object?>("queue", s.Key)));

    private static Measurement<long> Measure(long value, string queue, string state) =>
        new(value, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("state", state));
}
