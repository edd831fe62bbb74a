using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using GridService.Bot.Cli;
using GridService.Bot.Hosting;
using GridService.Core.Chat;
using GridService.Core.Storage;
using GridService.Core.WeCom;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GridService.Bot.Channels.WeCom.Bench;

/// <summary>
/// <c>bench callbacks</c>: starts the real Bot host (HTTP, store, inbound pipeline; no Notifier, so replies stay in the
/// outbox), drives it with encrypted AI-bot callbacks over loopback HTTP at a paced rate from this process, and
/// reports the acknowledgement latency and the end-to-end rate: decrypt → inbox → decision → reply in the outbox.
/// </summary>
internal static class CallbackBench
{
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output)
    {
        var messages = Count(cli, "--messages", 20_000, min: 1);
        var rate = Count(cli, "--rate", 1_200, min: 0);
        var workers = Count(cli, "--workers", 8, min: 1);
        var warmup = Count(cli, "--warmup", 500, min: 0);
        var redis = cli.Option("--redis");
        var runId = "b" + Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = Path.Combine(Path.GetTempPath(), "gridservice-bench-" + runId);
        var (token, key) = CallbackLoad.NewSecrets();

        output.WriteLine($"bench callbacks: {messages} AI-bot callbacks {(rate > 0 ? $"offered at {rate}/s" : "as fast as 64 clients go")}, "
            + $"{workers} pipeline workers, store {(string.IsNullOrEmpty(redis) ? "embedded Garnet (give --redis for a real Redis)" : "Redis " + redis)}, "
            + $"{Environment.ProcessorCount} cores, server GC {GCSettings.IsServerGC}; client and host share this process");

        var app = await StartHostAsync(runId, dataDirectory, redis, token, key, workers);
        try
        {
            var crypto = new WeComCrypto(token, key, "");
            var inbox = app.Services.GetRequiredService<Inbox>();
            var outbox = app.Services.GetRequiredService<Outbox>();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri(address),
            };

            if (warmup > 0)
            {
                var warm = CallbackLoad.Prepare(crypto, runId, 0, warmup, TimeProvider.System);
                await CallbackDriver.RunAsync(http, warm, rate: 0, clients: 16);
                await WaitDrainedAsync(inbox, TimeSpan.FromMinutes(2));
            }

            var repliesBefore = (await outbox.Queue.CountsAsync()).Ready;
            var load = CallbackLoad.Prepare(crypto, runId, warmup, messages, TimeProvider.System);
            var started = Stopwatch.GetTimestamp();
            var result = await CallbackDriver.RunAsync(http, load, rate, clients: 64);
            var sent = Stopwatch.GetElapsedTime(started);
            var backlog = await inbox.Queue.CountsAsync();
            await WaitDrainedAsync(inbox, TimeSpan.FromMinutes(10));
            var done = Stopwatch.GetElapsedTime(started);
            var after = await outbox.Queue.CountsAsync();
            var inboxAfter = await inbox.Queue.CountsAsync();

            Report(output, messages, result, sent, done, backlog.Ready + backlog.Processing, after.Ready - repliesBefore, inboxAfter.Dead);
            return result.Failures == 0 ? 0 : 1;
        }
        finally
        {
            await CleanUpAsync(app, runId, output);
            await app.StopAsync();
            await app.DisposeAsync();
            try
            {
                if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a temporary folder
            }
        }
    }

    private static void Report(TextWriter output, int messages, DriverResult result, TimeSpan sent, TimeSpan done, long backlog, long replies, long dead)
    {
        Func<double, double> p = result.Percentile;
        var e2eRate = messages / done.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  acknowledged: {result.Acknowledged} with 200, {result.Failures} otherwise; sending took {sent.TotalSeconds:0.00} s = {result.Acknowledged / sent.TotalSeconds:0} acks/s (client fell behind its schedule by up to {result.MaxLagMs:0.0} ms)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ack latency ms: p50 {p(0.50):0.00}  p90 {p(0.90):0.00}  p99 {p(0.99):0.00}  p99.9 {p(0.999):0.00}  max {p(1):0.00}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  end to end: all {messages} handled {done.TotalSeconds:0.00} s after the first send = {e2eRate:0} messages/s; {backlog} still queued when sending ended; {replies} replies in the outbox; {dead} dead-lettered"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  targets: ack p99 <= 10 ms {(p(0.99) <= 10 ? "met" : "MISSED")}; >= 1000 messages/s end to end {(e2eRate >= 1000 ? "met" : "MISSED")}"));
    }

    private static async Task<WebApplication> StartHostAsync(string runId, string dataDirectory, string? redis, string token, string key, int workers)
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--Role", "bot",
            "--ConnectionStrings:Redis", redis ?? "",
            "--Store:KeyPrefix", runId,
            "--Store:DataDirectory", dataDirectory,
            "--Logging:LogLevel:Default", "Warning",
            "--Queues:Inbound:Concurrency", workers.ToString(CultureInfo.InvariantCulture),
            "--Queues:Inbound:PollInterval", "00:00:00.050",
            "--WeCom:AiBots:" + CallbackLoad.BotName + ":Token", token,
            "--WeCom:AiBots:" + CallbackLoad.BotName + ":EncodingAESKey", key,
            .. CallbackLoad.Chats.SelectMany(c => new[] { $"--WeCom:AiBots:{CallbackLoad.BotName}:Groups:{c.ChatId}", c.GroupId }),
        ];
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGridService();
        var app = builder.Build();
        app.MapGridService();
        await app.StartAsync();
        return app;
    }

    private static async Task WaitDrainedAsync(Inbox inbox, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var counts = await inbox.Queue.CountsAsync();
            if (counts.Ready + counts.Processing + counts.Delayed == 0) return;
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException($"The inbox did not drain within {timeout}: {counts}.");
            await Task.Delay(2);
        }
    }

    // The run's keys all start with its own prefix; leave the Redis as it was.
    private static async Task CleanUpAsync(WebApplication app, string runId, TextWriter output)
    {
        var store = app.Services.GetRequiredService<RedisStore>();
        var deleted = 0;
        foreach (var server in store.Connection.GetServers().Where(s => !s.IsReplica))
        {
            var batch = new List<Task>();
            await foreach (var k in server.KeysAsync(pattern: runId + ":*", pageSize: 1000))
            {
                batch.Add(store.Db.KeyDeleteAsync(k));
                deleted++;
            }

            await Task.WhenAll(batch);
        }

        output.WriteLine($"  removed the run's {deleted} keys (prefix {runId})");
    }

    private static int Count(CliArgs cli, string name, int fallback, int min) =>
        cli.Option(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min ? n
        : throw new CliException($"bench callbacks: {name} takes a whole number of at least {min}");
}
