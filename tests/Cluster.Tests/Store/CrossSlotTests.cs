using System.Net;
using System.Net.Http.Json;
using GridService.Core.Grid;
using GridService.Core.Storage;
using GridService.Notifier.Billing;
using GridService.Notifier.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace GridService.Cluster.Tests.Store;

/// <summary>
/// The all-in-one host on a real 3-master Redis Cluster, driven through every path that writes several keys in one
/// script or transaction; the masters' own error counters (INFO errorstats) must show no CROSSSLOT refusal.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(TopologyCollection.Name)]
public sealed class CrossSlotTests(Topology topology, ITestOutputHelper output)
{
    private static readonly string[] CentralArea = ["A01"];

    [SkippableFact]
    public async Task EveryPath_OnARedisCluster_NoCrossSlotError()
    {
        Skip.If(Topology.Unavailable is not null, Topology.Unavailable);
        await topology.StartAsync();
        var before = await topology.Redis.CrossSlotErrorsAsync();
        var robotPosts = 0;
        await using var robot = await FakeHttpServer.StartAsync((app, _) =>
            app.MapPost("/cgi-bin/webhook/send", () => { Interlocked.Increment(ref robotPosts); return new { errcode = 0, errmsg = "ok" }; }));
        await using var host = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = topology.Redis.ConnectionString,
            ["Admin:Token"] = "ops",
            ["WeCom:Robot:BaseUrl"] = robot.Url,
            ["WeCom:Robots:grp-xingfuli:Key"] = "robot-xfl",
        });
        var services = host.Services;
        var store = services.GetRequiredService<RedisStore>();
        Assert.Equal(3, store.Connection.GetServers().Count(s => !s.IsReplica));
        var directory = services.GetRequiredService<GridDirectory>();
        await ServerTools.WaitUntilAsync(async () => !await directory.IsEmptyAsync(), "samples seeded");
        await directory.SaveGroupAsync((await directory.GetGroupAsync("grp-xingfuli"))! with { Channel = "wecom-robot" });

        // Inbound, the pipeline, outbox, delivery (robot: the shared rate limiter), transcripts, reply ledger.
        Assert.Equal(HttpStatusCode.Accepted, (await host.SayAsync("grp-liulin", "u-ll-001", "@小电 电费在哪里交", "x-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SayAsync("grp-liulin", "u-ll-001", "@小电 电费在哪里交", "x-1")).StatusCode);
        await host.WaitForAsync("grp-liulin", l => l.ReplyTo == "x-1", TimeSpan.FromSeconds(30));

        // Work orders: a hazard opens one, a second report of the same incident joins it, the manager's command updates it.
        await host.SayAsync("grp-xingfuli", "u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "x-wo-1");
        await host.SayAsync("grp-xingfuli", "u-xfl-005", "@小电 我家也停电了，整栋楼都黑了", "x-wo-2");
        await host.SayAsync("grp-xingfuli", "u-xfl-006", "@小电 电线杆上的线掉下来了还冒火花", "x-wo-3");
        await ServerTools.WaitUntilAsync(async () => (await host.Http.GetFromJsonAsync<List<WorkOrderLine>>("/api/workorders"))!.Count > 0, "a work order", TimeSpan.FromSeconds(30));
        var order = (await host.Http.GetFromJsonAsync<List<WorkOrderLine>>("/api/workorders"))![0];
        var accepted = await host.Http.PostAsJsonAsync($"/api/workorders/{order.Id}/accept", new { by = "wangjianhua" });
        output.WriteLine($"work order {order.Id}: accept {(int)accepted.StatusCode}");

        // Notices: create (planned: the schedule; fault: at once to the robot), amend, cancel; preferences.
        var now = DateTimeOffset.UtcNow;
        var fault = await host.Http.PostAsJsonAsync("/api/notices", new
        {
            kind = "fault-outage", areas = CentralArea, start = now.AddMinutes(-5).ToString("O"), end = now.AddHours(3).ToString("O"),
            reason = "10kV城关线故障跳闸", scope = "幸福里1-8号楼",
        });
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        var planned = await host.Http.PostAsJsonAsync("/api/notices", new
        {
            kind = "planned-outage", areas = CentralArea, start = now.AddDays(3).ToString("O"), end = now.AddDays(3).AddHours(4).ToString("O"),
            reason = "更换变压器", scope = "幸福里1-5号楼", id = "x-planned",
        });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var amend = await host.Http.PostAsJsonAsync("/api/notices/x-planned/amend", new
        {
            start = now.AddDays(4).ToString("O"), end = now.AddDays(4).AddHours(4).ToString("O"), changeReason = "天气原因顺延",
        });
        output.WriteLine($"amend {(int)amend.StatusCode}, cancel {(int)(await host.Http.PostAsJsonAsync("/api/notices/x-planned/cancel", new { changeReason = "取消" })).StatusCode}");
        var preference = await host.Http.PutAsJsonAsync("/api/preferences/3101000005", new { optedOut = true, quietHours = "22:00-07:00" });
        output.WriteLine($"preference {(int)preference.StatusCode}");
        await ServerTools.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref robotPosts) > 0), "a robot post", TimeSpan.FromSeconds(30));

        // Billing: bills (pipelined per period), a reminder run over the sample period (the once-enqueue script per chunk),
        // payments (one transaction per batch in the bills' slot), a held notice released.
        var reminders = await services.GetRequiredService<ReminderPlanner>().RunAsync(
            new ScheduleWindow(new DateTimeOffset(2026, 9, 30, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 9, 30, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)),
            CancellationToken.None);
        output.WriteLine($"reminders: {reminders}");
        var payments = Path.GetTempFileName();
        await File.WriteAllTextAsync(payments, "payment_id,account_no,period,amount,paid_at\np-1,3101000023,2026-09,84.00,2026-11-18T10:00:00+08:00\n");
        var paid = await services.GetRequiredService<PaymentImporter>().ImportAsync(payments, new ImportProgress(TextWriter.Null, false), false, CancellationToken.None);
        File.Delete(payments);
        output.WriteLine($"payments: {paid}");

        // Locks and watermarks: a scheduled run.
        Assert.True(await services.GetRequiredService<ScheduledRun>().RunAsync("x-job", (_, _) => Task.FromResult(0), CancellationToken.None));

        await Task.Delay(1000); // let the workers finish what they took
        var crossSlot = await topology.Redis.CrossSlotErrorsAsync() - before;
        var keys = await CountKeysAsync(topology.Connection, store.Keys.Prefix);
        output.WriteLine($"keys written: {string.Join(", ", keys.Select(k => $"{k.Key}: {k.Value}"))}; CROSSSLOT errors: {crossSlot}");
        Assert.True(keys.Values.Count(n => n > 0) == 3, "the data did not spread over all three masters");
        Assert.Equal(0, crossSlot);

        // The counter does see a refusal: one script over two slots.
        var refused = await RedisCluster.CliAsync(topology.Redis.Ports[0], "EVAL", "return 1", "2", "{a}1", "{b}2");
        Assert.Contains("CROSSSLOT", refused, StringComparison.Ordinal);
        Assert.Equal(1, await topology.Redis.CrossSlotErrorsAsync() - before);
    }

    private static async Task<Dictionary<string, long>> CountKeysAsync(ConnectionMultiplexer connection, string prefix)
    {
        var counts = new Dictionary<string, long>();
        foreach (var server in connection.GetServers().Where(s => !s.IsReplica))
        {
            long n = 0;
            await foreach (var _ in server.KeysAsync(pattern: prefix + ":*", pageSize: 1000)) n++;
            counts[server.EndPoint.ToString()!] = n;
        }

        return counts;
    }

    private sealed record WorkOrderLine(string Id, string Status);
}
