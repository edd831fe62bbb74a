using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using GridService.Bot.Cli;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Bot.Benchmarks;

/// <summary>
/// <c>bench scale</c>: the scaled-out topology end to end, as processes. For each store given (one Redis, a Redis
/// Cluster) it starts one Notifier and 1, then 2 Bots (<c>--Role bot</c>) as child processes of this machine's build,
/// posts the same questions round-robin over the Bots and times until every one is answered in its transcript. Next
/// to each figure: <c>redis-benchmark</c> against the same store in the same run (the floor the store imposes), the
/// Redis commands each message costs, and the share of the CPU spent in the store (Redis's own counters) versus in
/// the GridService processes (/proc).
/// </summary>
internal static partial class ScaleBench
{
    private const int Clients = 32;
    private static readonly string[] Groups = ["grp-xingfuli", "grp-liulin", "grp-shimen"];
    private static readonly string[] Senders = ["u-xfl-001", "u-ll-001", "u-sm-001"];

    public static async Task<int> RunAsync(CliArgs cli, TextWriter output)
    {
        var messages = int.TryParse(cli.Option("--messages") ?? "2000", out var m) && m > 0 ? m : throw new CliException("bench scale: --messages takes a count");
        var stores = new List<(string Name, string Connection)>();
        if (cli.Option("--redis") is { Length: > 0 } redis) stores.Add(("one Redis", redis));
        if (cli.Option("--cluster") is { Length: > 0 } cluster) stores.Add(("Redis Cluster", cluster));
        if (stores.Count == 0) throw new CliException("bench scale: give --redis <host:port> and/or --cluster <host:port,host:port,...>");
        output.WriteLine($"bench scale: {messages} questions end to end (POST → pipeline → outbox → Notifier → transcript), {Clients} clients, " +
                         $"{Environment.ProcessorCount} cores, load {LoadAverage()}");
        output.WriteLine("store          bots  msg/s   vs 1 bot  redis-benchmark SET/s  cmds/msg  store share of CPU  store µs/msg  process µs/msg");
        foreach (var (name, connection) in stores)
        {
            var reference = await RedisBenchmarkAsync(connection, name == "Redis Cluster");
            double? single = null;
            foreach (var bots in new[] { 1, 2 })
            {
                var run = await RunOnceAsync(connection, bots, messages);
                single ??= run.PerSecond;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-14} {bots,4}  {run.PerSecond,6:0}  {run.PerSecond / single.Value,8:0.00}  {reference,21:0}  {run.CommandsPerMessage,8:0.0}  {run.StoreShare,18:P0}  {run.StoreMicros,12:0}  {run.ProcessMicros,14:0}"));
            }
        }

        output.WriteLine("msg/s ÷ (redis-benchmark SET/s ÷ cmds/msg) is how close the product runs to its store; the CPU columns are per answered message.");
        return 0;
    }

    private sealed record Run(double PerSecond, double CommandsPerMessage, double StoreShare, double StoreMicros, double ProcessMicros);

    private static async Task<Run> RunOnceAsync(string connectionString, int bots, int messages)
    {
        var prefix = "bs-" + Guid.NewGuid().ToString("N")[..6];
        var processes = new List<(Process Process, HttpClient Http)>();
        await using var store = new RedisStore(await ConnectionMultiplexer.ConnectAsync(connectionString + ",allowAdmin=true"), prefix);
        try
        {
            processes.Add(await StartAsync("GridService.Notifier.dll", connectionString, prefix, []));
            for (var i = 0; i < bots; i++) processes.Add(await StartAsync("GridService.Bot.dll", connectionString, prefix, ["--Role", "bot"]));
            var botClients = processes.Skip(1).Select(p => p.Http).ToList();
            await WarmUpAsync(botClients, store);

            var (redisCpu0, commands0) = await RedisCountersAsync(store.Connection);
            var processCpu0 = processes.Sum(p => CpuSeconds(p.Process.Id));
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, messages), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (i, ct) =>
            {
                var response = await botClients[i % bots].PostAsJsonAsync("/api/chat/inbound",
                    new { messageId = $"b-{i}", groupId = Groups[i % 3], senderId = Senders[i % 3], senderName = "bench", text = "@小电 电费在哪里交", mentionsBot = true }, ct);
                if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"b-{i}: {(int)response.StatusCode}");
            });
            var transcript = new Core.Chat.Transcript(store);
            while (await AnsweredAsync(transcript, "b-") < messages) await Task.Delay(50);
            var seconds = clock.Elapsed.TotalSeconds;
            var (redisCpu1, commands1) = await RedisCountersAsync(store.Connection);
            var processCpu = processes.Sum(p => CpuSeconds(p.Process.Id)) - processCpu0;
            var redisCpu = redisCpu1 - redisCpu0;
            return new Run(messages / seconds, (commands1 - commands0) / (double)messages, redisCpu / (redisCpu + processCpu),
                redisCpu * 1e6 / messages, processCpu * 1e6 / messages);
        }
        finally
        {
            foreach (var (process, http) in processes)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
                http.Dispose();
            }

            foreach (var server in store.Connection.GetServers().Where(s => !s.IsReplica && s.IsConnected))
            {
                await foreach (var key in server.KeysAsync(pattern: prefix + ":*", pageSize: 1000)) await store.Db.KeyDeleteAsync(key);
            }
        }
    }

    // One answered question per Bot before the clock starts: JIT, connections and the knowledge base are warm.
    private static async Task WarmUpAsync(List<HttpClient> bots, RedisStore store)
    {
        for (var i = 0; i < bots.Count; i++)
        {
            await bots[i].PostAsJsonAsync("/api/chat/inbound", new { messageId = $"w-{i}", groupId = Groups[0], senderId = Senders[0], senderName = "bench", text = "@小电 电费在哪里交", mentionsBot = true });
        }

        var transcript = new Core.Chat.Transcript(store);
        var waited = Stopwatch.StartNew();
        while (await AnsweredAsync(transcript, "w-") < bots.Count)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("the warm-up questions were not answered");
            await Task.Delay(50);
        }
    }

    private static async Task<int> AnsweredAsync(Core.Chat.Transcript transcript, string idPrefix)
    {
        var answered = 0;
        foreach (var group in Groups)
        {
            for (long after = 0; ; after += 500)
            {
                var lines = await transcript.ReadAsync(group, after, 500);
                answered += lines.Count(l => l.Direction == "out" && l.ReplyTo?.StartsWith(idPrefix, StringComparison.Ordinal) == true);
                if (lines.Count < 500) break;
            }
        }

        return answered;
    }

    private static async Task<(Process, HttpClient)> StartAsync(string dll, string connectionString, string prefix, string[] extra)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in new[] { "--urls", $"http://127.0.0.1:{port}", "--ConnectionStrings:Redis", connectionString, "--Store:KeyPrefix", prefix,
                     "--Logging:LogLevel:Default", "Warning", "--Scheduling:Enabled", "false",
                     "--Queues:Inbound:PollInterval", "00:00:00.100", "--Queues:Outbound:PollInterval", "00:00:00.100" }.Concat(extra))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) return (process, http);
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || waited.Elapsed > TimeSpan.FromMinutes(1)) throw new InvalidOperationException($"{dll} did not start");
            await Task.Delay(100);
        }
    }

    // Redis's own CPU (user + sys seconds) and commands processed, summed over the masters.
    private static async Task<(double Cpu, long Commands)> RedisCountersAsync(IConnectionMultiplexer connection)
    {
        double cpu = 0;
        long commands = 0;
        foreach (var server in connection.GetServers().Where(s => !s.IsReplica && s.IsConnected))
        {
            var info = (await server.InfoAsync()).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
            cpu += double.Parse(info["used_cpu_user"], CultureInfo.InvariantCulture) + double.Parse(info["used_cpu_sys"], CultureInfo.InvariantCulture);
            commands += long.Parse(info["total_commands_processed"], CultureInfo.InvariantCulture);
        }

        return (cpu, commands);
    }

    // utime + stime of a process from /proc (clock ticks of 1/100 s on Linux).
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    // SET requests per second from redis-benchmark against the same store (50 clients, no pipelining), or NaN without it.
    private static async Task<double> RedisBenchmarkAsync(string connectionString, bool cluster)
    {
        var endpoint = ConfigurationOptions.Parse(connectionString).EndPoints[0] as DnsEndPoint;
        var (host, port) = endpoint is not null ? (endpoint.Host, endpoint.Port) : ("127.0.0.1", 6379);
        if (ConfigurationOptions.Parse(connectionString).EndPoints[0] is IPEndPoint ip) (host, port) = (ip.Address.ToString(), ip.Port);
        var info = new ProcessStartInfo("redis-benchmark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", host, "-p", $"{port}", "-t", "set", "-n", "100000", "-c", "50", "-q" }) info.ArgumentList.Add(arg);
        if (cluster) info.ArgumentList.Add("--cluster");
        try
        {
            using var process = Process.Start(info)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var match = RequestsPerSecond().Match(text);
            return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return double.NaN;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    [GeneratedRegex(@"SET: ([\d.]+) requests per second")]
    private static partial Regex RequestsPerSecond();
}
