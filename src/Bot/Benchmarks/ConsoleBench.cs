using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GridService.Bot.Cli;
using GridService.Bot.Hosting;
using GridService.Bot.StaffConsole;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GridService.Bot.Benchmarks;

/// <summary>
/// <c>bench console</c>: starts the Bot host on a store filled with <c>--orders</c> work orders and <c>--groups</c>
/// groups (<see cref="ConsoleBenchData"/>), signs in as the service centre, a supervisor and a manager, requests every
/// console page <c>--requests</c> times each and reports the server time per page (the console's own timing
/// middleware, read through its histogram) next to a reference measured in the same run: <c>/readyz</c>, one store
/// round trip through the same HTTP stack.
/// </summary>
internal static partial class ConsoleBench
{
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output)
    {
        var orders = Count(cli, "--orders", 10_000);
        var groups = Count(cli, "--groups", 100);
        var requests = Count(cli, "--requests", 30);
        var redis = cli.Option("--redis");
        var runId = "c" + Guid.NewGuid().ToString("N")[..8];
        var dataDirectory = Path.Combine(Path.GetTempPath(), "gridservice-bench-" + runId);
        output.WriteLine(Invariant($"bench console: {orders} work orders, {groups} groups, {requests} requests per page and role, store ")
            + (string.IsNullOrEmpty(redis) ? "embedded Garnet (give --redis for a real Redis)" : "Redis " + redis)
            + Invariant($", {Environment.ProcessorCount} cores{LoadAverage()}; client and host share this process"));
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", "--Role", "bot", "--ConnectionStrings:Redis", redis ?? "", "--Store:KeyPrefix", runId,
            "--Store:DataDirectory", dataDirectory, "--Samples:Seed", "false", "--Logging:LogLevel:Default", "Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning", "--Queues:Inbound:Concurrency", "0", "--Queues:WorkOrderSla:Concurrency", "0",
            "--WorkOrders:WatchdogInterval", "01:00:00",
        ];
        var app = AllInOneHost.Build(args);
        await app.StartAsync();
        try
        {
            var seeding = Stopwatch.StartNew();
            var (orderId, noticeId, groupId) = await ConsoleBenchData.SeedAsync(app.Services, groups, orders, TimeProvider.System);
            output.WriteLine(Invariant($"seeded in {seeding.Elapsed.TotalSeconds:0.0} s"));
            var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return await MeasureAsync(new Uri(address), requests, orderId, noticeId, groupId, output);
        }
        finally
        {
            await BenchStore.CleanUpAsync(app, runId, output);
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

    private static async Task<int> MeasureAsync(Uri address, int requests, string orderId, string noticeId, string groupId, TextWriter output)
    {
        // The console's timing middleware records each request's server time; requests go one at a time, so the last
        // measurement is the request just answered.
        double last = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ConsoleMetrics.MeterName && instrument.Name == ConsoleMetrics.PageDurationName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => Volatile.Write(ref last, value));
        listener.Start();

        var pages = new[]
        {
            "/console", "/console/orders", "/console/orders?status=all", "/console/orders?status=closed&page=3", $"/console/orders/{orderId}",
            "/console/notices", "/console/notices/new", $"/console/notices/{noticeId}", "/console/deliveries", "/console/knowledge",
            "/console/knowledge?topic=service.contact", "/console/groups", $"/console/groups/{groupId}",
        };
        var reference = await ReferenceAsync(address, requests * 3);
        output.WriteLine(Invariant($"reference /readyz (one store round trip through the HTTP stack), client time: p50 {reference.P50:0.00} ms, p95 {reference.P95:0.00} ms"));
        output.WriteLine($"{"page",-44} {"role",-10} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"p95/ref",8}");
        var worst = 0.0;
        foreach (var (role, id) in new[] { ("centre", ConsoleBenchData.CentreId), ("supervisor", ConsoleBenchData.SupervisorId), ("manager", ConsoleBenchData.ManagerId) })
        {
            using var http = await SignInAsync(address, id);
            foreach (var page in pages)
            {
                var times = new List<double>(requests);
                for (var i = 0; i < requests + 3; i++)
                {
                    using var response = await http.GetAsync(page);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{page} as {role}: {(int)response.StatusCode}");
                    if (i >= 3) times.Add(Volatile.Read(ref last) * 1000); // three warm-up requests
                }

                times.Sort();
                var p95 = Percentile(times, 0.95);
                worst = Math.Max(worst, p95);
                output.WriteLine(Invariant($"{page,-44} {role,-10} {Percentile(times, 0.5),8:0.0} {p95,8:0.0} {times[^1],8:0.0} {p95 / reference.P95,8:0.0}"));
            }
        }

        output.WriteLine(Invariant($"slowest page p95: {worst:0.0} ms server time ({(worst <= 100 ? "within" : "over")} the 100 ms budget)"));
        return 0;
    }

    private static async Task<(double P50, double P95)> ReferenceAsync(Uri address, int count)
    {
        using var http = new HttpClient { BaseAddress = address };
        var times = new List<double>(count);
        for (var i = 0; i < count + 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync("/readyz");
            await response.Content.ReadAsByteArrayAsync();
            if (i >= 10) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return (Percentile(times, 0.5), Percentile(times, 0.95));
    }

    private static async Task<HttpClient> SignInAsync(Uri address, string id)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler) { BaseAddress = address };
        var form = await http.GetStringAsync("/console/login");
        var token = Token().Match(form).Groups[1].Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id, ["password"] = ConsoleBenchData.Password, ["__RequestVerificationToken"] = token,
        });
        using var response = await http.PostAsync("/console/login", body);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Could not sign in as {id}: {(int)response.StatusCode}.");
        return http;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Count(CliArgs cli, string name, int fallback) =>
        int.TryParse(cli.Option(name) ?? fallback.ToString(CultureInfo.InvariantCulture), out var n) && n > 0 ? n : throw new CliException($"bench console: {name} takes a positive count");

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

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
