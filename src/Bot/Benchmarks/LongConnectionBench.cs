using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GridService.Bot.Cli;
using GridService.Bot.Hosting;
using StackExchange.Redis;

namespace GridService.Bot.Benchmarks;

/// <summary>
/// <c>bench longconn</c>: the real host (Bot and Notifier in one process, against a real Redis) with an AI bot on the
/// long connection to a local WeCom stand-in (<see cref="WeComDriver"/>). Group @-messages go in as frames at the
/// offered rate; what is measured is frame in → reply frame out: the frame read, queued, decided, the reply queued,
/// delivered by the Notifier, handed through Redis to the connection holder and written as <c>aibot_respond_msg</c>.
/// With no <c>--redis</c> it starts <c>redis-server</c> on a spare port, and reports <c>redis-benchmark</c> from the
/// same run as the reference.
/// </summary>
internal static class LongConnectionBench
{
    private const string BotId = "aib-bench";
    private const string Secret = "bench-secret";

    public static async Task<int> RunAsync(CliArgs cli, TextWriter output)
    {
        var messages = Count(cli, "--messages", 10_000, 1);
        var rate = Count(cli, "--rate", 1_000, 1);
        var warmup = Count(cli, "--warmup", 3_000, 0);
        var runId = "l" + Guid.NewGuid().ToString("N")[..8];
        using var redis = cli.Option("--redis") is { Length: > 0 } given ? null : OwnRedis.TryStart(output);
        var connection = cli.Option("--redis") ?? redis?.ConnectionString;
        var store = connection is null ? "embedded Garnet (no redis-server found; give --redis)" : "Redis " + connection;
        output.WriteLine(Invariant($"bench longconn: {messages} group @-messages offered at {rate}/s over the long connection, store {store}, {Environment.ProcessorCount} cores{LoadAverage()}; WeCom stand-in, Bot and Notifier share this process"));
        if (connection is not null) output.WriteLine("  reference: " + OwnRedis.Benchmark(connection));

        await using var driver = await WeComDriver.StartAsync();
        var app = AllInOneHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--ConnectionStrings:Redis", connection ?? "",
            "--Store:KeyPrefix", runId,
            "--Store:DataDirectory", Path.Combine(Path.GetTempPath(), "gridservice-bench-" + runId),
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning",
            "--Queues:Inbound:Concurrency", "8", "--Queues:Inbound:PollInterval", "00:00:00.050",
            "--Queues:Outbound:Concurrency", "16", "--Queues:Outbound:PollInterval", "00:00:00.050",
            "--WeCom:LongConnection:PushConcurrency", "16",
            "--WeCom:AiBots:bench:Mode", "long-connection", "--WeCom:AiBots:bench:BotId", BotId,
            "--WeCom:AiBots:bench:Secret", Secret, "--WeCom:AiBots:bench:Url", driver.Url,
            .. CallbackLoad.Chats.SelectMany(c => new[] { $"--WeCom:AiBots:bench:Groups:{c.ChatId}", c.GroupId }),
        ]);
        await app.StartAsync();
        try
        {
            await driver.WaitForSubscriptionAsync(TimeSpan.FromSeconds(30));
            if (warmup > 0)
            {
                await DriveAsync(driver, Prepare(runId, 0, warmup), rate, TimeSpan.FromMinutes(5));
                output.WriteLine($"  warmed up with {warmup} messages");
            }

            var load = Prepare(runId, warmup, messages);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (latencies, elapsed, answered) = await DriveAsync(driver, load, rate, TimeSpan.FromMinutes(10));
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            double P(double q) => latencies.Length == 0 ? 0 : latencies[Math.Clamp((int)Math.Ceiling(q * latencies.Length) - 1, 0, latencies.Length - 1)];
            output.WriteLine(Invariant($"  answered {answered} of {messages} (a reply frame on their req_id); {messages - answered} got none (the decision was to stay quiet)"));
            output.WriteLine(Invariant($"  frame in -> reply frame out, ms: p50 {P(0.5):0.0}  p90 {P(0.9):0.0}  p99 {P(0.99):0.0}  max {P(1):0.0}"));
            output.WriteLine(Invariant($"  throughput: {answered / elapsed.TotalSeconds:0} replies/s ({elapsed.TotalSeconds:0.00} s from the first frame to the last reply); CPU {cpu.TotalMilliseconds / Math.Max(1, answered):0.00} ms per message in this process{LoadAverage()}"));
            return 0;
        }
        finally
        {
            await BenchStore.CleanUpAsync(app, runId, output);
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    // Sends open loop at the rate; waits until every message has its reply or nothing new came for a while.
    private static async Task<(double[] Latencies, TimeSpan Elapsed, int Answered)> DriveAsync(
        WeComDriver driver, (string ReqId, byte[] Frame)[] load, int rate, TimeSpan timeout)
    {
        var sentAt = new long[load.Length];
        var begin = Stopwatch.GetTimestamp();
        var ticksPerMessage = (double)Stopwatch.Frequency / rate;
        for (var i = 0; i < load.Length; i++)
        {
            var due = begin + (long)(i * ticksPerMessage);
            while (Stopwatch.GetTimestamp() < due) await Task.Delay(1);
            sentAt[i] = Stopwatch.GetTimestamp();
            await driver.SendAsync(load[i].Frame);
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var lastCount = -1;
        var quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var count = load.Count(l => driver.Replies.ContainsKey(l.ReqId));
            if (count == load.Length) break;
            if (count != lastCount) (lastCount, quietSince) = (count, Stopwatch.GetTimestamp());
            else if (Stopwatch.GetElapsedTime(quietSince) > TimeSpan.FromSeconds(5)) break;
            await Task.Delay(20);
        }

        var latencies = new List<double>(load.Length);
        var last = begin;
        for (var i = 0; i < load.Length; i++)
        {
            if (!driver.Replies.TryGetValue(load[i].ReqId, out var at)) continue;
            latencies.Add((at - sentAt[i]) * 1000.0 / Stopwatch.Frequency);
            last = Math.Max(last, at);
        }

        latencies.Sort();
        return ([.. latencies], TimeSpan.FromSeconds((last - begin) / (double)Stopwatch.Frequency), latencies.Count);
    }

    // Group @-messages from the sample county's customers and strangers, as aibot_msg_callback frames.
    private static (string ReqId, byte[] Frame)[] Prepare(string runId, int first, int count)
    {
        var load = new (string, byte[])[count];
        for (var n = 0; n < count; n++)
        {
            var i = first + n;
            var (chatId, _, prefix) = CallbackLoad.Chats[i % CallbackLoad.Chats.Length];
            var user = i % 3 == 2 ? $"wx-guest-{i % 500}" : prefix + ((i / 3 % 5) + 1).ToString("000", CultureInfo.InvariantCulture);
            var reqId = $"{runId}-req-{i}";
            var frame = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["cmd"] = "aibot_msg_callback",
                ["headers"] = new Dictionary<string, string> { ["req_id"] = reqId },
                ["body"] = new Dictionary<string, object>
                {
                    ["msgid"] = $"{runId}-{i}", ["aibotid"] = BotId, ["chatid"] = chatId, ["chattype"] = "group",
                    ["from"] = new Dictionary<string, string> { ["userid"] = user }, ["msgtype"] = "text",
                    ["text"] = new Dictionary<string, string> { ["content"] = "@bench " + CallbackLoad.Questions[i % CallbackLoad.Questions.Length] },
                },
            });
            load[n] = (reqId, Encoding.UTF8.GetBytes(frame));
        }

        return load;
    }

    private static int Count(CliArgs cli, string name, int fallback, int min) =>
        cli.Option(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min ? n
        : throw new CliException($"bench longconn: {name} takes a whole number of at least {min}");

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? ", load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A redis-server this benchmark started on a spare loopback port, stopped with it.</summary>
    private sealed class OwnRedis : IDisposable
    {
        private readonly Process _process;
        private readonly int _port;

        private OwnRedis(Process process, int port)
        {
            _process = process;
            _port = port;
        }

        public string ConnectionString => $"127.0.0.1:{_port}";

        public static OwnRedis? TryStart(TextWriter output)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            Process? process;
            try
            {
                process = Process.Start(new ProcessStartInfo("redis-server")
                {
                    ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
                    RedirectStandardOutput = true,
                });
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null; // not installed
            }

            if (process is null) return null;
            process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    using var probe = ConnectionMultiplexer.Connect($"127.0.0.1:{port}");
                    if (probe.IsConnected) return new OwnRedis(process, port);
                }
                catch (RedisConnectionException)
                {
                }

                Thread.Sleep(50);
            }

            output.WriteLine("  redis-server did not answer; using the embedded store");
            process.Kill();
            process.Dispose();
            return null;
        }

        // The store's own speed on this machine now, measured by its own tool, as the reference for the figures.
        public static string Benchmark(string connection)
        {
            var endpoint = connection.Split(',')[0].Trim();
            var colon = endpoint.LastIndexOf(':');
            var (host, port) = colon > 0 ? (endpoint[..colon], endpoint[(colon + 1)..]) : (endpoint, "6379");
            try
            {
                using var bench = Process.Start(new ProcessStartInfo("redis-benchmark")
                {
                    ArgumentList = { "-h", host, "-p", port, "-q", "-n", "100000", "-c", "16", "-t", "set,lpush" },
                    RedirectStandardOutput = true,
                })!;
                var text = bench.StandardOutput.ReadToEnd();
                bench.WaitForExit();
                return "redis-benchmark -n 100000 -c 16: " + string.Join("; ",
                    text.Split('\n', '\r').Select(l => l.Trim()).Where(l => l.Contains("requests per second", StringComparison.Ordinal))
                        .Select(l => l[(l.LastIndexOf('\r') + 1)..]));
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return "redis-benchmark is not installed";
            }
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited) _process.Kill();
            }
            catch (InvalidOperationException)
            {
            }

            _process.Dispose();
        }
    }
}
