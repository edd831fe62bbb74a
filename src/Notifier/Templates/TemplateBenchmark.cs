using System.Diagnostics;
using System.Globalization;

namespace GridService.Core.Templates;

/// <summary>
/// A single-threaded render benchmark without BenchmarkDotNet: warm-up, then throughput over a fixed run and
/// per-render latency percentiles. Run it from a Release build; the target is 50,000 renders/s per core.
/// </summary>
public static class TemplateBenchmark
{
    /// <summary>Benchmarks a typical reminder and a planned-outage notice from the shipped samples; returns 0.</summary>
    public static int Run(string dir, TextWriter @out) => Run(dir, @out, TimeSpan.FromSeconds(2), 200_000);

    internal static int Run(string dir, TextWriter @out, TimeSpan warmUp, int runs)
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
            Measure(renderer, kindName, model, warmUp, runs, @out);
        }

        return 0;
    }

    private static void Measure(TemplateRenderer renderer, string kind, object model, TimeSpan warmUp, int runs, TextWriter @out)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < warmUp)
        {
            renderer.Render(kind, model);
        }

        // Throughput: the median of five rounds, so one burst from a neighbour on a shared machine does not decide it.
        const int Rounds = 5;
        var rates = new double[Rounds];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < Rounds; round++)
        {
            clock.Restart();
            for (var i = 0; i < runs / Rounds; i++)
            {
                renderer.Render(kind, model);
            }

            rates[round] = runs / Rounds / clock.Elapsed.TotalSeconds;
        }

        var bytesPerRender = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (runs / Rounds * Rounds);
        Array.Sort(rates);

        var samples = new long[Math.Max(1, runs / 2)];
        for (var i = 0; i < samples.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            renderer.Render(kind, model);
            samples[i] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(samples);
        @out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind,-16} {rates[Rounds / 2],10:N0} renders/s (rounds {rates[0]:N0}-{rates[^1]:N0})   "
            + $"p50 {Micros(samples, 0.50):F1} µs   p99 {Micros(samples, 0.99):F1} µs   {bytesPerRender:N0} B/render"));
    }

    private static double Micros(long[] sorted, double percentile) =>
        sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(percentile * sorted.Length) - 1)] * 1_000_000.0 / Stopwatch.Frequency;

    private static bool IsOptimized() =>
        typeof(TemplateBenchmark).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);
}
