using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridService.Core.Chat;
using GridService.Core.Domain;
using GridService.Core.Grid;
using GridService.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace GridService.Cluster.Tests.Faults;

/// <summary>
/// Faults on the scaled-out topology (Redis Cluster, several Bot and Notifier processes): a process killed mid-way,
/// a shared robot budget, a Redis master failover. Each test counts what was acknowledged and checks it was handled
/// exactly once; the figures go to the test output (lost / duplicated).
/// </summary>
[Trait("Category", "Cluster")]
[Collection(TopologyCollection.Name)]
public sealed class TopologyFaultTests(Topology topology, ITestOutputHelper output)
{
    private static readonly string[] Groups = ["grp-xingfuli", "grp-liulin", "grp-shimen"];
    private static readonly string[] Senders = ["u-xfl-001", "u-ll-001", "u-sm-001"];
    private static readonly string[] CentralArea = ["A01"];
    private static readonly string[] TestTransformer = ["压测台区"];

    [SkippableFact]
    public async Task TwoBots_OneKilledDuringTwoThousandMessages_EveryMessageAnsweredOnce()
    {
        Skip.If(Topology.Unavailable is not null, Topology.Unavailable);
        await topology.StartAsync();
        var prefix = "fb-" + Guid.NewGuid().ToString("N")[..6];
        var settings = topology.HostSettings(prefix);
        var notifier = await Topology.StartNotifierAsync(settings);
        var bots = new[] { await Topology.StartBotAsync(settings), await Topology.StartBotAsync(settings) };
        const int count = 2000;
        var acknowledged = new ConcurrentDictionary<string, int>();
        var killed = 0;

        // A bridge: each message to one of the Bots in turn; when that Bot is gone it retries on the other.
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var id = $"m-{i:D4}";
            if (i == count / 3 && Interlocked.Exchange(ref killed, 1) == 0) bots[0].Kill();
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var response = await PostAsync(bots[(i + attempt) % 2].Http, id, Groups[i % 3], Senders[i % 3], "@小电 电费在哪里交");
                    if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                    {
                        acknowledged.AddOrUpdate(id, 1, (_, n) => n + 1);
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                if (attempt > 5) throw new InvalidOperationException($"{id} was never acknowledged");
            }
        });

        var replies = await WaitForRepliesAsync(prefix, [.. acknowledged.Keys], TimeSpan.FromSeconds(240));
        await Task.Delay(2000); // a late duplicate would show now
        replies = await RepliesAsync(prefix);
        var lost = acknowledged.Keys.Count(id => replies.GetValueOrDefault(id) == 0);
        var duplicated = acknowledged.Keys.Count(id => replies.GetValueOrDefault(id) > 1);
        output.WriteLine($"2 Bots, one killed after {count / 3} messages: acknowledged {acknowledged.Count}, lost {lost}, duplicated {duplicated}");
        foreach (var bot in bots) await bot.DisposeAsync();
        await notifier.DisposeAsync();

        Assert.Equal(count, acknowledged.Count);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
    }

    [SkippableFact]
    public async Task NoticeToThousandRecipients_OneNotifierKilledMidway_EachRecipientOnce()
    {
        Skip.If(Topology.Unavailable is not null, Topology.Unavailable);
        await topology.StartAsync();
        var prefix = "fn-" + Guid.NewGuid().ToString("N")[..6];
        var received = new ConcurrentQueue<(string Key, string Recipient)>();
        await using var gateway = await FakeHttpServer.StartAsync((app, _) => app.MapPost("/sms", async (HttpRequest request) =>
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            received.Enqueue((request.Headers["Idempotency-Key"].ToString(), json.RootElement.GetProperty("recipientId").GetString() ?? ""));
            await Task.Delay(5); // a gateway takes a moment, so the kill lands mid-broadcast
            return Results.Ok();
        }));
        var settings = topology.HostSettings(prefix);
        settings["Sms:Url"] = gateway.Url + "/sms";
        settings["Sms:Secret"] = "sms-secret";
        settings["Audiences:Channels:sms"] = ChannelNames.Sms;
        settings["Audiences:QuietHours"] = "off";
        settings["Scheduling:Enabled"] = "false";
        // What the killed Notifier held comes back when its lease ends: 6 s rather than the topology's 30, so the test
        // waits for the recovery it checks, not for a long lease (a send must fit in half a lease: 1 s attempts).
        settings["Queues:Outbound:Lease"] = "00:00:06";
        settings["Delivery:AttemptTimeout"] = "00:00:01";
        settings["Delivery:MaxInlineRetryAfter"] = "00:00:01";
        var a = await Topology.StartNotifierAsync(settings);
        await using var b = await Topology.StartNotifierAsync(settings);

        // 1,000 customers on one transformer, reached by SMS.
        var directory = new GridDirectory(new RedisStore(topology.Connection, prefix));
        await ServerTools.WaitUntilAsync(async () => !await directory.IsEmptyAsync(), "samples seeded");
        const int count = 1000;
        var accounts = Enumerable.Range(0, count).Select(i => $"39{i:D8}").ToList();
        await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (account, _) =>
            await directory.SaveCustomerAsync(new Customer(account, "住户", "1390000" + account[^4..], "幸福里", "A01", null, null,
                "10kV城关线", "压测台区", Segment.Resident, CreditRating.A, "sms")));

        var now = DateTimeOffset.UtcNow;
        var created = await a.Http.PostAsJsonAsync("/api/notices", new
        {
            kind = "fault-outage", areas = CentralArea, start = now.AddMinutes(-5).ToString("O"), end = now.AddHours(3).ToString("O"),
            reason = "10kV城关线故障跳闸", scope = "压测台区", transformers = TestTransformer,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await ServerTools.WaitUntilAsync(() => Task.FromResult(received.Count >= count / 4), "a quarter delivered", TimeSpan.FromSeconds(60));
        a.Kill();
        var killedAt = received.Count;
        await ServerTools.WaitUntilAsync(() => Task.FromResult(received.Select(r => r.Recipient).Distinct().Count() >= count), "every recipient reached", TimeSpan.FromSeconds(180));
        await Task.Delay(3000);
        await a.DisposeAsync();

        var perRecipient = received.GroupBy(r => r.Recipient).ToDictionary(g => g.Key, g => g.Select(r => r.Key).Distinct().Count());
        var posts = received.GroupBy(r => r.Recipient).ToDictionary(g => g.Key, g => g.Count());
        var lost = accounts.Count(acc => !perRecipient.ContainsKey(acc));
        var duplicated = perRecipient.Values.Count(n => n > 1);
        output.WriteLine($"1,000 recipients, Notifier killed after {killedAt} posts: lost {lost}, duplicated {duplicated} " +
                         $"(posts repeated with the same Idempotency-Key after the kill: {posts.Values.Count(n => n > 1)})");
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
    }

    [SkippableFact]
    public async Task RobotBudget_TwoNotifiers_NeverMoreThanTwentyPostsAWindow()
    {
        // What is under test is that two processes share one budget through the cluster; the window's length is a
        // setting (WeCom's is a minute, the default). A ten-second window shows the same thing in a sixth of the time.
        var window = TimeSpan.FromSeconds(10);
        Skip.If(Topology.Unavailable is not null, Topology.Unavailable);
        await topology.StartAsync();
        var prefix = "fr-" + Guid.NewGuid().ToString("N")[..6];
        await using var robot = await FakeHttpServer.StartAsync((app, _) =>
            app.MapPost("/cgi-bin/webhook/send", () => Results.Json(new { errcode = 0, errmsg = "ok" })));
        var settings = topology.HostSettings(prefix);
        settings["WeCom:Robot:BaseUrl"] = robot.Url;
        settings["WeCom:Robots:grp-xingfuli:Key"] = "robot-xfl";
        settings["Scheduling:Enabled"] = "false";
        settings["WeCom:Robot:RateWindow"] = window.ToString();
        settings["WeCom:Robot:RateMargin"] = "00:00:01";
        await using var a = await Topology.StartNotifierAsync(settings);
        await using var b = await Topology.StartNotifierAsync(settings);
        var store = new RedisStore(topology.Connection, prefix);
        var directory = new GridDirectory(store);
        await ServerTools.WaitUntilAsync(async () => !await directory.IsEmptyAsync(), "samples seeded");
        await directory.SaveGroupAsync((await directory.GetGroupAsync("grp-xingfuli"))! with { Channel = ChannelNames.WeComRobot });

        const int count = 26;
        var outbox = new Outbox(store, TimeProvider.System);
        for (var i = 0; i < count; i++)
        {
            await outbox.EnqueueAsync(new OutboundMessage($"budget-{i}", ChannelNames.WeComRobot, "grp-xingfuli", null, $"停电通知 第{i}条", "notice", null, true, DateTimeOffset.UtcNow));
        }

        await ServerTools.WaitUntilAsync(() => Task.FromResult(robot.Requests.Count >= count), "every post", TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        var times = robot.Requests.Select(r => r.At).Order().ToList();
        var worst = Enumerable.Range(0, Math.Max(0, times.Count - 20)).Select(i => times[i + 20] - times[i]).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        var perWindow = times.GroupBy(t => (long)((t - times[0]) / window)).Select(g => g.Count()).ToList();
        var processes = robot.Requests.Select(r => r.ClientPort).Distinct().Count();
        output.WriteLine($"{times.Count} posts from {processes} connections; per window from the first: {string.Join(", ", perWindow)}; the closest 21 posts spanned {worst}");

        Assert.Equal(count, times.Count);
        Assert.True(worst >= window, $"21 posts within {worst}");
    }

    [SkippableFact]
    public async Task MasterFailover_WhileMessagesFlow_NothingAcknowledgedIsLost()
    {
        Skip.If(Topology.Unavailable is not null, Topology.Unavailable);
        await topology.StartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var redis = await RedisCluster.StartAsync(masters: 3, replicas: 1);
        output.WriteLine($"{clock.Elapsed}: cluster of 3 masters and 3 replicas up");
        var prefix = "ff-" + Guid.NewGuid().ToString("N")[..6];
        var settings = topology.HostSettings(prefix, redis);
        settings["Store:ReplicaAcks"] = "1";
        await using var bot = await Topology.StartBotAsync(settings);
        await using var notifier = await Topology.StartNotifierAsync(settings);
        output.WriteLine($"{clock.Elapsed}: hosts up");

        // The master holding the inbound queue and its replica.
        using var probe = await redis.ConnectAsync();
        var queueMaster = probe.GetServer((StackExchange.Redis.RedisKey)new RedisKeys(prefix).Queue(Inbox.QueueName).Ready).EndPoint.ToString()!;
        var master = int.Parse(queueMaster[(queueMaster.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var replica = 0;
        foreach (var port in redis.Ports)
        {
            var info = await RedisCluster.CliAsync(port, "INFO", "replication");
            if (info.Contains($"master_port:{master}", StringComparison.Ordinal)) replica = port;
        }

        Assert.NotEqual(0, replica);
        const int count = 400;
        var acknowledged = new ConcurrentBag<string>();
        var refused = 0;
        var failover = Task.Run(async () =>
        {
            while (acknowledged.Count < count / 3) await Task.Delay(20);
            redis.Kill(master);
            output.WriteLine($"{clock.Elapsed}: master {master} killed after {acknowledged.Count} acknowledged");
            await redis.PromoteAsync(replica);
            output.WriteLine($"{clock.Elapsed}: replica {replica} promoted");
            // The old master comes back and becomes the new master's replica, so acknowledged writes have a copy again.
            await redis.RestartAsync(master);
            output.WriteLine($"{clock.Elapsed}: {master} back as a replica; {acknowledged.Count} acknowledged so far");
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var id = $"f-{i:D4}";
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    var response = await PostAsync(bot.Http, id, Groups[i % 3], Senders[i % 3], "@小电 电费在哪里交");
                    if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                    {
                        acknowledged.Add(id);
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                Interlocked.Increment(ref refused);
                await Task.Delay(200, CancellationToken.None);
            }
        });
        await failover;
        output.WriteLine($"{clock.Elapsed}: all acknowledged, failover done");

        using var reader = await redis.ConnectAsync();
        var replies = await WaitForRepliesAsync(prefix, [.. acknowledged], TimeSpan.FromSeconds(120), reader);
        output.WriteLine($"{clock.Elapsed}: all answered");
        await Task.Delay(2000);
        replies = await RepliesAsync(prefix, reader);
        var lost = acknowledged.Count(id => replies.GetValueOrDefault(id) == 0);
        var duplicated = acknowledged.Count(id => replies.GetValueOrDefault(id) > 1);
        output.WriteLine($"master {master} killed, replica {replica} promoted: {acknowledged.Count} acknowledged, {refused} refused and retried during the failover, lost {lost}, duplicated {duplicated}");

        Assert.Equal(count, acknowledged.Count);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string id, string group, string sender, string text) =>
        http.PostAsJsonAsync("/api/chat/inbound", new { messageId = id, groupId = group, senderId = sender, senderName = sender, text, mentionsBot = true });

    // How many bot replies each message got, over every group's transcript.
    private async Task<Dictionary<string, int>> RepliesAsync(string prefix, StackExchange.Redis.IConnectionMultiplexer? connection = null)
    {
        var transcript = new Transcript(new RedisStore(connection ?? topology.Connection, prefix));
        var replies = new Dictionary<string, int>();
        foreach (var group in Groups)
        {
            for (long after = 0; ; )
            {
                var lines = await transcript.ReadAsync(group, after, 500);
                foreach (var line in lines.Where(l => l.Direction == "out" && l.ReplyTo is not null)) replies[line.ReplyTo!] = replies.GetValueOrDefault(line.ReplyTo!) + 1;
                if (lines.Count < 500) break;
                after += lines.Count;
            }
        }

        return replies;
    }

    private async Task<Dictionary<string, int>> WaitForRepliesAsync(string prefix, IReadOnlyList<string> ids, TimeSpan timeout, StackExchange.Redis.IConnectionMultiplexer? connection = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var replies = await RepliesAsync(prefix, connection);
            var missing = ids.Count(id => !replies.ContainsKey(id));
            if (missing == 0) return replies;
            if (DateTime.UtcNow > deadline)
            {
                output.WriteLine($"{missing} of {ids.Count} unanswered at the deadline");
                return replies;
            }

            await Task.Delay(500);
        }
    }
}
