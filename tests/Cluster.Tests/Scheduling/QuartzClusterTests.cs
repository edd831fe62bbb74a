using GridService.Core.Storage;
using GridService.Notifier.Scheduling;
using GridService.Notifier.Scheduling.Clustered;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit.Abstractions;

namespace GridService.Cluster.Tests.Scheduling;

[Trait("Category", "Cluster")]
[Collection(SecondTopologyCollection.Name)]
public sealed class QuartzClusterTests(Topology topology, ITestOutputHelper output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SameInstant = TimeSpan.FromMilliseconds(300);
    private static readonly string[] Jobs = ["notice-schedule", "billing-reminders"];

    [SkippableFact]
    public async Task MigrateAsync_TwoNotifiersOnAnEmptyDatabase_CreateQuartzTablesOnceAndRecordTheVersion()
    {
        Skip.If(Topology.Unavailable is not null, Topology.Unavailable);
        await topology.StartAsync();
        var connectionString = await topology.Postgres.CreateDatabaseAsync("schema");
        QuartzSchema Schema() => new(Options.Create(new SchedulingOptions { Store = SchedulingStore.Postgres, ConnectionString = connectionString }), NullLogger<QuartzSchema>.Instance);

        var both = await Task.WhenAll(Schema().MigrateAsync(default), Schema().MigrateAsync(default));
        var again = await Schema().MigrateAsync(default);

        Assert.Equal(["001-quartz-4.7-tables"], both.SelectMany(applied => applied));
        Assert.Empty(again);
        Assert.Equal(1L, await ScalarAsync(connectionString, "SELECT count(*) FROM gridservice_schema WHERE component = 'quartz:qrtz_'"));
        Assert.Equal(0L, await ScalarAsync(connectionString, "SELECT count(*) FROM qrtz_triggers"));
        Assert.Equal(0L, await ScalarAsync(connectionString, "SELECT count(*) FROM qrtz_execution_history"));
    }

    [SkippableFact]
    public async Task TwoClusteredNotifiers_EachPeriod_EveryJobFiresOnceAndAPeriodMissedWhileBothWereDownIsCaughtUpOnce()
    {
        Skip.If(Topology.Unavailable is not null, Topology.Unavailable);
        await topology.StartAsync();
        var connectionString = await topology.Postgres.CreateDatabaseAsync("quartz");
        var prefix = "qz-" + Guid.NewGuid().ToString("N")[..6];
        var settings = topology.HostSettings(prefix);
        settings["Scheduling:Store"] = "postgres";
        settings["ConnectionStrings:Scheduling"] = connectionString;
        settings["Scheduling:Interval"] = "00:00:02";
        settings["Scheduling:CheckinInterval"] = "00:00:01";
        settings["Scheduling:CheckinMisfireThreshold"] = "00:00:02";
        // A Notifier killed mid-run keeps the job's Redis lock until its lease runs out (ScheduledRun); at the default
        // 30 s the restarted one would skip this test's first runs. Five seconds lapse while both are down.
        settings["Scheduling:LockTime"] = "00:00:05";

        // Two Notifiers side by side for ten periods.
        var a = await Topology.StartNotifierAsync(settings);
        var b = await Topology.StartNotifierAsync(settings);
        await Task.Delay(Interval * 10);
        var downAt = DateTimeOffset.UtcNow;
        a.Kill();
        b.Kill();
        var before = await FiringsAsync(connectionString);
        var nodes = await ScalarAsync(connectionString, "SELECT count(DISTINCT instance_name) FROM qrtz_scheduler_state");

        // Both down for five periods, then one comes back.
        await Task.Delay(Interval * 5);
        var upAt = DateTimeOffset.UtcNow;
        await using var c = await Topology.StartNotifierAsync(settings);
        await Task.Delay(Interval * 3);
        var after = (await FiringsAsync(connectionString)).Where(f => f.At > upAt).ToList();
        await a.DisposeAsync();
        await b.DisposeAsync();

        var store = new RedisStore(topology.Connection, prefix);
        foreach (var job in Jobs)
        {
            var fired = before.Where(f => f.Job == job).Select(f => f.At).Order().ToList();
            var gaps = fired.Zip(fired.Skip(1), (x, y) => y - x).ToList();
            output.WriteLine($"{job}: {fired.Count} firings while both ran, gaps {string.Join(", ", gaps.Select(g => g.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} s; " +
                             $"on {before.Where(f => f.Job == job).Select(f => f.Node).Distinct().Count()} node(s)");
            // Once per period. A period fired by two nodes would show two firings at the same instant; a late firing (a busy
            // machine) may come closer to the next one than the interval, so the count is checked against the span too.
            var span = fired[^1] - fired[0];
            Assert.True(fired.Count >= 6, $"{job} fired {fired.Count} times in ten periods");
            Assert.All(gaps, gap => Assert.True(gap >= SameInstant, $"{job} fired twice within {gap}"));
            Assert.InRange(fired.Count, span / Interval - 1, span / Interval + 2);

            // The gap is caught up by one firing (not one per missed period), which decides the whole gap from the watermark.
            var caughtUp = after.Where(f => f.Job == job).Select(f => f.At).Order().ToList();
            output.WriteLine($"{job} after the restart: {string.Join(", ", caughtUp.Select(t => (t - upAt).TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} s");
            Assert.NotEmpty(caughtUp);
            // One per missed period would be a burst of five firings right after the restart.
            Assert.All(caughtUp.Zip(caughtUp.Skip(1), (x, y) => y - x), gap => Assert.True(gap >= SameInstant, $"{job} caught up more than once: {gap} apart"));
            Assert.True(caughtUp.Count <= (caughtUp[^1] - upAt) / Interval + 2, $"{job} fired {caughtUp.Count} times after the restart");
            Assert.True(await new Watermarks(store).GetAsync(job) > upAt, $"{job}'s watermark did not move past the restart");
        }

        Assert.True(nodes >= 2, $"only {nodes} node(s) checked in");
        Assert.True(upAt - downAt >= Interval * 4);
    }

    private static async Task<List<(string Job, DateTimeOffset At, string Node)>> FiringsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT job_name, fired_time, instance_name FROM qrtz_execution_history ORDER BY fired_time", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var firings = new List<(string, DateTimeOffset, string)>();
        while (await reader.ReadAsync()) firings.Add((reader.GetString(0), TicksOrMillis(reader.GetInt64(1)), reader.GetString(2)));
        return firings;
    }

    // Quartz stores times as .NET ticks (UTC) in its ADO tables.
    private static DateTimeOffset TicksOrMillis(long value) =>
        value > 100_000_000_000_000 ? new DateTimeOffset(value, TimeSpan.Zero) : DateTimeOffset.FromUnixTimeMilliseconds(value);

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
