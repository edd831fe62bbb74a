using System.Diagnostics;
using System.Globalization;
using GridService.Core.Billing;
using GridService.Core.Grid;
using GridService.Core.Storage;
using GridService.Notifier.Audiences;
using GridService.Notifier.Managers;
using GridService.Notifier.Scheduling;
using GridService.Core.Templates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Notifier.Billing;

/// <summary>
/// <c>bench reminders</c>: seeds a synthetic county into a real Redis under a throw-away key prefix, then times one
/// reminder run (plan, render, queue) over every bill, reports the peak working set, and deletes the keys again.
/// </summary>
public static class ReminderBenchmark
{
    private const string Usage = "usage: bench reminders [--customers 1000000] [--groups 10000] [--redis <host:port>, else an embedded store] [--paid 10] [--parallel <n>] [--notifiers <n>] [--repeat] [--keep]";

    /// <summary>Runs the benchmark; 0 when it ran, 1 when the named Redis cannot be reached, 2 on bad arguments.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryInt(args, "--customers", 1_000_000, out var customers) || !TryInt(args, "--groups", 10_000, out var groups)
            || !TryInt(args, "--paid", 10, out var paidPercent) || !TryInt(args, "--parallel", 2 * Environment.ProcessorCount, out var parallel)
            || !TryInt(args, "--notifiers", 1, out var notifiers)
            || customers < 1 || groups < 1 || groups > customers || paidPercent is < 0 or > 100 || parallel < 1 || notifiers is < 1 or > 8)
        {
            error.WriteLine(Usage);
            return 2;
        }

        var configured = CliServices.Configuration(args).GetConnectionString("Redis");
        var redis = Option(args, "--redis") ?? (string.IsNullOrWhiteSpace(configured) ? null : configured);

        // Without a Redis named, an embedded Garnet in a throw-away folder, as the host would run (a bare machine has
        // no redis-server); the figures quoted in docs/notices.md are against a Redis server named with --redis.
        var scratch = Path.Combine(Path.GetTempPath(), "gridservice-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var embedded = redis is null ? EmbeddedGarnet.Start(scratch, port: 0, NullLogger.Instance) : null;
        redis ??= embedded!.ConnectionString;
        try
        {
            return await RunAsync(args, redis, embedded is not null, customers, groups, paidPercent, parallel, notifiers, output);
        }
        catch (RedisConnectionException e)
        {
            error.WriteLine($"Cannot reach Redis at {redis}: {e.Message} Start it, or leave out --redis to use an embedded store.");
            return 1;
        }
        finally
        {
            embedded?.Dispose();
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task<int> RunAsync(
        string[] args, string redis, bool embedded, int customers, int groups, int paidPercent, int parallel, int notifiers, TextWriter output)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var store = new RedisStore(connection, "bench-" + Guid.NewGuid().ToString("N")[..6]);
        var data = new SyntheticCounty(customers, groups, paidPercent);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Reminder benchmark: {customers:N0} customers in {groups:N0} groups ({data.Areas:N0} areas), {100 - paidPercent}% owing, {(embedded ? "embedded Garnet" : "Redis " + redis)}, key prefix {store.Keys.Prefix}, "
            + $"{parallel} pages in parallel on {Environment.ProcessorCount} cores{(IsOptimized() ? "" : ", DEBUG build: numbers are not representative")}"));
        try
        {
            var clock = Stopwatch.StartNew();
            await data.SeedAsync(store);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded in {clock.Elapsed.TotalSeconds:N1} s (not timed below); peak working set so far {Mb(Process.GetCurrentProcess().PeakWorkingSet64)}"));

            var planner = Planner(store);
            var dueAt = planner.DueAt(ReminderStage.From(new BillingOptions())[0], SyntheticCounty.SettledOn);
            var window = new ScheduleWindow(dueAt.AddMinutes(-1), dueAt.AddMinutes(-1), dueAt.AddSeconds(1));
            var run = notifiers == 1
                ? await RunOnceAsync("run", planner, window, parallel, store, output)
                : await RunOnNotifiersAsync(notifiers, redis, store.Keys.Prefix, dueAt, parallel, output);
            var recheck = await RecheckAsync(store, data, customers, output);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run + send-time re-check: {(run + recheck).TotalSeconds:N1} s; peak working set {Mb(Process.GetCurrentProcess().PeakWorkingSet64)}"));
            if (args.Contains("--repeat")) await RunOnceAsync("repeat (a job fired twice)", planner, window, parallel, store, output);
        }
        finally
        {
            if (embedded)
            {
                output.WriteLine("the embedded store and its folder are discarded");
            }
            else if (!args.Contains("--keep"))
            {
                var clock = Stopwatch.StartNew();
                var deleted = await DeleteAsync(connection, store.Keys.Prefix);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deleted {deleted:N0} benchmark keys in {clock.Elapsed.TotalSeconds:N1} s"));
            }
        }

        return 0;
    }

    // What the delivery worker adds before each send: the bill read again (BillingSendCheck), for every message the run
    // queued, with as many in flight as a busy worker pool keeps. Only the check is timed (the worker has the message
    // in hand already); it happens at send time, spread over the day, but is counted here with the run.
    private static async Task<TimeSpan> RecheckAsync(RedisStore store, SyntheticCounty data, int customers, TextWriter output)
    {
        GC.Collect();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var check = new BillingSendCheck(new GridDirectory(store));
        long checkedCount = 0, withdrawn = 0;
        var clock = Stopwatch.StartNew();
        foreach (var page in Enumerable.Range(0, customers).Where(data.IsReminded).Chunk(RecheckPage))
        {
            await Parallel.ForEachAsync(page, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            {
                var id = ReminderStage.MessageId(SyntheticCounty.Account(i), SyntheticCounty.Period, "reminder-1");
                var message = new OutboundMessage(id, "sms", "", null, "", "reminder-1", null, false, DateTimeOffset.UnixEpoch);
                if (await check.WithdrawReasonAsync(message) is not null) Interlocked.Increment(ref withdrawn);
            });
            checkedCount += page.Length;
        }

        var elapsed = clock.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"send-time re-check: {checkedCount:N0} queued messages' bills read again in {elapsed.TotalSeconds:N1} s "
            + $"({checkedCount / Math.Max(elapsed.TotalSeconds, 0.001):N0}/s), {withdrawn:N0} withdrawn; CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:N1} s"));
        return elapsed;
    }

    // Several Notifiers firing the same reminder job at the same moment, each on its own connection as separate
    // processes would be, each through the job's scheduled run (its Redis lock and watermark) exactly as the Quartz
    // job calls it. Timed until the last of them returns.
    private static async Task<TimeSpan> RunOnNotifiersAsync(int notifiers, string redis, string prefix, DateTimeOffset dueAt, int parallel, TextWriter output)
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, notifiers).Select(_ => ConnectionMultiplexer.ConnectAsync(redis)));
        try
        {
            var stores = connections.Select(c => new RedisStore(c, prefix)).ToList();
            var clock = new FixedClock(dueAt.AddSeconds(1));
            await new Watermarks(stores[0]).AdvanceAsync(ReminderPlanner.JobName, dueAt.AddMinutes(-1));
            var queued = new long[notifiers];
            GC.Collect();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var ran = await Task.WhenAll(stores.Select((store, i) =>
            {
                var run = new ScheduledRun(store, new Watermarks(store), clock, Options.Create(new SchedulingOptions()), NullLogger<ScheduledRun>.Instance);
                var planner = Planner(store);
                return Task.Run(() => run.RunAsync(ReminderPlanner.JobName, async (window, ct) =>
                {
                    var report = await planner.RunAsync(window, ct, parallel);
                    queued[i] = report.Queued;
                    return (int)report.Queued;
                }, CancellationToken.None));
            }));
            var elapsed = watch.Elapsed;
            var counts = await new Outbox(stores[0], TimeProvider.System).Queue.CountsAsync();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run on {notifiers} Notifiers: {elapsed.TotalSeconds:N1} s until the last returned; ran {ran.Count(r => r)}, skipped (lock held) {ran.Count(r => !r)}; "
                + $"queued {queued.Sum():N0}; outbox ready {counts.Ready:N0}; CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:N1} s; "
                + $"peak working set {Mb(Process.GetCurrentProcess().PeakWorkingSet64)}"));
            return elapsed;
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private const int RecheckPage = 5_000;

    private static async Task<TimeSpan> RunOnceAsync(string name, ReminderPlanner planner, ScheduleWindow window, int parallel, RedisStore store, TextWriter output)
    {
        GC.Collect();
        var before = Process.GetCurrentProcess();
        var cpuBefore = before.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var report = await planner.RunAsync(window, CancellationToken.None, parallel);
        var elapsed = clock.Elapsed;
        var process = Process.GetCurrentProcess();
        var counts = await new Outbox(store, TimeProvider.System).Queue.CountsAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {elapsed.TotalSeconds:N1} s, {report.Queued:N0} queued ({report.Queued / Math.Max(elapsed.TotalSeconds, 0.001):N0}/s), "
            + $"{report.Repeats:N0} repeats, {report.Paid:N0} paid, {report.OptedOut:N0} opted out; CPU {(process.TotalProcessorTime - cpuBefore).TotalSeconds:N1} s; "
            + $"peak working set {Mb(process.PeakWorkingSet64)}, allocated {Mb(GC.GetTotalAllocatedBytes() - allocated)}; outbox ready {counts.Ready:N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  summed over parallel pages: reading customers {report.ReadTime.TotalSeconds:N1} s, deciding and rendering {report.RenderTime.TotalSeconds:N1} s, queueing {report.QueueTime.TotalSeconds:N1} s"));
        return elapsed;
    }

    private static ReminderPlanner Planner(RedisStore store)
    {
        var billingOptions = Options.Create(new BillingOptions());
        var audienceOptions = Options.Create(new AudienceOptions());
        var directory = new GridDirectory(store);
        var preferences = new PreferenceStore(store);
        var rules = new DeliveryRules(audienceOptions);
        var policy = new BillingPolicy(billingOptions);
        var renderer = new TemplateRenderer(TemplateCatalog.Load(TemplateDirectory.Find()));
        var messages = new BillingMessages(renderer, policy, rules, billingOptions);
        var outbox = new Outbox(store, TimeProvider.System);
        var configuration = new ConfigurationBuilder().Build();
        var alerts = new ManagerAlerts(directory, outbox, new PrivateRoutes(Options.Create(new ChannelOptions()), configuration),
            Options.Create(new AlertOptions()), TimeProvider.System, NullLogger<ManagerAlerts>.Instance);
        return new ReminderPlanner(store, directory, new BillingStore(store, directory), preferences, messages, policy,
            outbox, new DisconnectionReceipts(store, TimeProvider.System), alerts, billingOptions, NullLogger<ReminderPlanner>.Instance);
    }

    private static async Task<long> DeleteAsync(ConnectionMultiplexer connection, string prefix)
    {
        long deleted = 0;
        foreach (var server in connection.GetServers().Where(s => !s.IsReplica))
        {
            var batch = new List<RedisKey>(10_000);
            await foreach (var key in server.KeysAsync(pattern: prefix + ":*", pageSize: 10_000))
            {
                batch.Add(key);
                if (batch.Count < 10_000) continue;
                deleted += await connection.GetDatabase().KeyDeleteAsync([.. batch]);
                batch.Clear();
            }

            if (batch.Count > 0) deleted += await connection.GetDatabase().KeyDeleteAsync([.. batch]);
        }

        return deleted;
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:N0} MB");

    private static bool IsOptimized() =>
        typeof(ReminderBenchmark).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().All(a => !a.IsJITOptimizerDisabled);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static bool TryInt(string[] args, string name, int fallback, out int value)
    {
        value = fallback;
        return Option(args, name) is not { } text || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
