using System.Diagnostics;
using System.Globalization;

namespace GridService.Bot.Knowledge;

/// <summary>
/// Single-threaded latency and throughput of <see cref="DecisionEngine.Decide(string)"/> over a generated message
/// mix, on the real knowledge base and on one grown with synthetic entries, with the configured engine (the learned
/// engine's training time is printed: it is paid once at start-up). Targets: real KB p99 ≤ 1 ms and
/// ≥ 10,000 decisions/s; with 1,000 synthetic entries p99 ≤ 3 ms. Run it in Release.
/// </summary>
public static class DecisionBenchmark
{
    private const int WarmUp = 3_000;
    private const int Rounds = 5;
    private const int PerRound = 10_000;

    /// <summary>Prints the figures; returns 0 when every target is met, 1 otherwise.</summary>
    public static int Run(KnowledgeBase kb, int syntheticEntries, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(kb);
        ArgumentNullException.ThrowIfNull(output);
#if DEBUG
        output.WriteLine("benchmark: warning, this is a Debug build; figures are only meaningful in Release");
#endif
        var real = Measure(kb, output, "real KB");
        bool ok = real.P99Ms <= 1.0 && real.PerSecond >= 10_000;
        if (syntheticEntries > 0)
        {
            var started = Stopwatch.GetTimestamp();
            var grown = KnowledgeBase.FromEntries(kb.Entries.Concat(SyntheticEntries.Create(syntheticEntries)), kb.Options, kb.Corpus);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"benchmark: grown KB built in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms"));
            var big = Measure(grown, output, $"real + {syntheticEntries} synthetic");
            ok &= big.P99Ms <= 3.0;
        }

        output.WriteLine(ok ? "benchmark: targets met" : "benchmark: targets NOT met");
        return ok ? 0 : 1;
    }

    private static (double P99Ms, double PerSecond) Measure(KnowledgeBase kb, TextWriter output, string name)
    {
        var engine = new DecisionEngine(kb);
        if (engine.Model is { } model)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"benchmark: {name}: learned engine, model trained in {model.TrainingTime.TotalMilliseconds:0} ms on {model.ExampleCount} questions ({model.FeatureCount} features, {model.Labels.Count} labels)"));
        }

        var queries = QueryMix.Create(kb, 4_096);
        for (int i = 0; i < WarmUp; i++)
        {
            engine.Decide(queries[i % queries.Count]);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"benchmark: {name}: {kb.Entries.Count} entries, {kb.Index.ExampleCount} examples, {kb.Index.TermCount} n-grams, {queries.Count} distinct messages{LoadNote()}"));

        // Several rounds: on a shared machine one round can be hit by other processes; the median round is reported
        // as the figure and every round is printed so the spread is visible.
        var rounds = new List<Round>();
        for (int r = 0; r < Rounds; r++)
        {
            rounds.Add(MeasureRound(engine, queries, r * PerRound));
            output.WriteLine("  round " + (r + 1).ToString(CultureInfo.InvariantCulture) + ": " + rounds[^1]);
        }

        var median = rounds.OrderBy(x => x.P99Ms).ElementAt(Rounds / 2);
        output.WriteLine($"  median round: {median}");
        return (median.P99Ms, median.PerCpuSecond);
    }

    private static Round MeasureRound(DecisionEngine engine, List<string> queries, int offset)
    {
        var ticks = new long[PerRound];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < PerRound; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            engine.Decide(queries[(offset + i) % queries.Count]);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }

        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(ticks);
        return new Round(PerRound / wall, PerRound / Math.Max(cpu, 1e-9), Ms(ticks[PerRound / 2]), Ms(ticks[(int)(PerRound * 0.99)]), Ms(ticks[^1]), allocated / PerRound);
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static string LoadNote() =>
        File.Exists("/proc/loadavg") ? $"; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores" : string.Empty;

    private sealed record Round(double PerWallSecond, double PerCpuSecond, double P50Ms, double P99Ms, double MaxMs, long BytesPerDecision)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{PerWallSecond:0} decisions/s wall, {PerCpuSecond:0}/s CPU, p50 {P50Ms:0.000} ms, p99 {P99Ms:0.000} ms, max {MaxMs:0.000} ms, {BytesPerDecision} B/decision");
    }
}
