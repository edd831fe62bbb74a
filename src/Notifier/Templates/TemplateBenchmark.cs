using System.Diagnostics;
using System.Globalization;

namespace GridService.Notifier.Templates;

/// <summary>
/// A single-threaded render benchmark without BenchmarkDotNet: warm-up, then throughput over a fixed run and
/// per-render latency percentiles. Run it from a Release build; the target is 50,000 renders/s per core.
/// </summary>
public static class TemplateBenchmark
{
    /// <summary>Benchmarks a typical reminder and a planned-outage notice from the shipped samples; returns 0.</summary>
    public static int Run(string dir, TextWriter @out)
    {
        ArgumentNullException.ThrowIfNull(@out);
        var catalog = TemplateCatalog.Load(dir);
        var renderer = new TemplateRenderer(catalog);
        @out.WriteLine($"Template render benchmark: 1 thread, {(Debugger.IsAttached ? "debugger attached, " : string.Empty)}"
            + $"{(IsOptimized() ? "optimized" : "DEBUG build: numbers are not representative")}");
        foreach (var kindName in new[] { "reminder-1", "planned-outage" })
        {
            TemplateKinds.TryGet(kindName, out var kind);
            var model = TemplateData.Load(Path.Combine(catalog.Directory, "samples", kindName + ".json"), kind!);
            Measure(renderer, kindName, model, @out);
        }

        return 0;
    }

    private static void Measure(TemplateRenderer renderer, string kind, object model, TextWriter @out)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 1000)
        {
            renderer.Render(kind, model);
        }

        const int Runs = 200_000;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            renderer.Render(kind, model);
        }

        total.Stop();
        var bytesPerRender = (GC.GetAllocatedBytesForCurrentThread() - allocated) / Runs;

        var samples = new long[Runs / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            renderer.Render(kind, model);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(samples);
        var perSecond = Runs / total.Elapsed.TotalSeconds;
        @out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind,-16} {perSecond,12:N0} renders/s   p50 {Micros(samples, 0.50),6:F1} µs   p99 {Micros(samples, 0.99),6:F1} µs   {bytesPerRender,6:N0} B/render"));
    }

    private static double Micros(long[] sorted, double percentile) =>
        sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(percentile * sorted.Length) - 1)] * 1_000_000.0 / Stopwatch.Frequency;

    private static bool IsOptimized() =>
        typeof(TemplateBenchmark).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);
}
