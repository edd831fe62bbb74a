using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace GridService.Bot.Benchmarks;

/// <summary>What the driver saw: acknowledgement latencies (sorted), failures, and the p99 of each second of sending.</summary>
internal sealed record DriverResult(double[] LatenciesMs, int Acknowledged, int Failures, double MaxLagMs, double[] SecondP99s)
{
    /// <summary>Seconds of the run whose own p99 exceeded <paramref name="limitMs"/>: a few bad seconds are stalls, not a trend.</summary>
    public int SecondsOver(double limitMs) => SecondP99s.Count(p => p > limitMs);

    /// <summary>The latency at quantile <paramref name="q"/> (0..1) in milliseconds (nearest rank).</summary>
    public double Percentile(double q)
    {
        if (LatenciesMs.Length == 0) return 0;
        var rank = (int)Math.Ceiling(q * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(rank, 0, LatenciesMs.Length - 1)];
    }
}

/// <summary>
/// Posts prepared callbacks over HTTP, open loop at a fixed rate (each callback leaves at its scheduled time whether or
/// not earlier ones were answered, as WeCom's traffic does) or, with rate 0, closed loop from a number of clients.
/// </summary>
internal static class CallbackDriver
{
    private const int MaxInFlight = 512;

    public static async Task<DriverResult> RunAsync(HttpClient http, PreparedCallback[] callbacks, int rate, int clients)
    {
        var latencies = new double[callbacks.Length];
        var sentAt = new long[callbacks.Length];
        var origin = Stopwatch.GetTimestamp();
        var failures = 0;
        var maxLag = 0.0;

        async Task SendAsync(int i)
        {
            using var content = new ByteArrayContent(callbacks[i].Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var start = Stopwatch.GetTimestamp();
            sentAt[i] = start - origin;
            try
            {
                using var response = await http.PostAsync(callbacks[i].Url, content);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failures);
            }
            catch (HttpRequestException)
            {
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Interlocked.Increment(ref failures);
            }
        }

        if (rate > 0)
        {
            // No list of tasks: holding 20,000 of them would promote them and trigger gen-2 collections mid-run.
            using var inFlight = new SemaphoreSlim(MaxInFlight);
            var pending = 1;
            var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var begin = Stopwatch.GetTimestamp();
            var ticksPerMessage = (double)Stopwatch.Frequency / rate;
            var next = 0;
            while (next < callbacks.Length)
            {
                var now = Stopwatch.GetTimestamp();
                while (next < callbacks.Length && begin + (long)(next * ticksPerMessage) <= now)
                {
                    maxLag = Math.Max(maxLag, (now - begin - (next * ticksPerMessage)) * 1000.0 / Stopwatch.Frequency);
                    await inFlight.WaitAsync();
                    var i = next++;
                    Interlocked.Increment(ref pending);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await SendAsync(i);
                        }
                        finally
                        {
                            inFlight.Release();
                            if (Interlocked.Decrement(ref pending) == 0) allDone.TrySetResult();
                        }
                    });
                }

                await Task.Delay(1);
            }

            if (Interlocked.Decrement(ref pending) == 0) allDone.TrySetResult();
            await allDone.Task;
        }
        else
        {
            var cursor = -1;
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref cursor)) < callbacks.Length) await SendAsync(i);
            })));
        }

        var seconds = Enumerable.Range(0, callbacks.Length).GroupBy(i => sentAt[i] / Stopwatch.Frequency)
            .Select(g => new DriverResult([.. g.Select(i => latencies[i]).Order()], 0, 0, 0, []).Percentile(0.99)).ToArray();
        Array.Sort(latencies);
        return new DriverResult(latencies, callbacks.Length - failures, failures, maxLag, seconds);
    }
}
