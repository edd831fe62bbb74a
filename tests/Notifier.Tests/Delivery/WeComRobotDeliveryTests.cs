using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GridService.Core.Chat;
using GridService.Notifier.Delivery.Status;
using GridService.Notifier.Delivery.WeCom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridService.Notifier.Tests.Delivery;

public sealed class WeComRobotDeliveryTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private TestStore _store = null!;
    private FakeWebhookServer _server = null!;

    public async Task InitializeAsync()
    {
        _store = fixture.CreateStore();
        _server = await FakeWebhookServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private Task<DeliveryRig> StartAsync(IDictionary<string, string?>? settings = null) =>
        DeliveryRig.StartAsync(_store.Store, _server, settings);

    [Fact]
    public async Task Send_ReplyToACustomer_PostsTextMentioningThemAndRecordsSent()
    {
        await using var rig = await StartAsync();

        var records = await rig.DeliverAsync(rig.Post("r1", "grp-a", "电费可以在网上国网App缴纳。", recipient: "u-xfl-001", kind: "reply"));

        var post = Assert.Single(_server.Delivered);
        Assert.Equal("key-a", post.Key);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("text", body.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal("电费可以在网上国网App缴纳。", body.RootElement.GetProperty("text").GetProperty("content").GetString());
        Assert.Equal("u-xfl-001", body.RootElement.GetProperty("text").GetProperty("mentioned_list")[0].GetString());
        Assert.Equal(DeliveryState.Sent, records[0].State);
        Assert.Equal(1, records[0].Attempts);
    }

    [Fact]
    public async Task Send_429WithRetryAfter_WaitsAsToldThenDeliversOnce()
    {
        var calls = 0;
        _server.Behaviour = _ => Interlocked.Increment(ref calls) == 1 ? new FakeAnswer.Status(429, RetryAfterSeconds: 30) : FakeAnswer.Ok;
        await using var rig = await StartAsync();

        var records = await rig.DeliverAsync(rig.Post("m1", "grp-a", "停电通知"));

        Assert.Equal(2, _server.Received.Count);
        Assert.True(_server.Received[1].At - _server.Received[0].At >= TimeSpan.FromSeconds(30), "retried before Retry-After");
        Assert.Single(_server.Delivered);
        Assert.Equal(DeliveryState.Sent, records[0].State);
    }

    [Fact]
    public async Task Send_5xxBurst_EveryMessageDeliveredExactlyOnce()
    {
        var calls = 0;
        _server.Behaviour = _ => Interlocked.Increment(ref calls) <= 6 ? new FakeAnswer.Status(calls % 2 == 0 ? 502 : 503) : FakeAnswer.Ok;
        await using var rig = await StartAsync();

        var records = await rig.DeliverAsync([.. Enumerable.Range(0, 10).Select(i => rig.Post($"m{i}", "grp-a", $"通知 {i}"))]);

        Assert.All(records, r => Assert.Equal(DeliveryState.Sent, r.State));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"通知 {i}").Order(), _server.Delivered.Select(d => d.Content).Order());
    }

    [Fact]
    public async Task Send_EndpointHangs_TimesOutAndDeliversOnce()
    {
        var calls = 0;
        _server.Behaviour = _ => Interlocked.Increment(ref calls) == 1 ? new FakeAnswer.Hang() : FakeAnswer.Ok;
        await using var rig = await StartAsync();

        var records = await rig.DeliverAsync(rig.Post("m1", "grp-a", "停电通知"));

        Assert.Equal(2, _server.Received.Count);
        Assert.True(_server.Received[1].At - _server.Received[0].At >= TimeSpan.FromSeconds(10), "the second try came before the attempt timed out");
        Assert.Single(_server.Delivered);
        Assert.Equal(DeliveryState.Sent, records[0].State);
    }

    [Fact]
    public async Task Send_DeadEndpoint_DeadLettersWithTheReasonAfterTheLastAttempt()
    {
        await using var rig = await StartAsync(new Dictionary<string, string?> { ["WeCom:Robot:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}" });

        var records = await rig.DeliverAsync(rig.Post("m1", "grp-a", "停电通知"));

        Assert.Equal(DeliveryState.Dead, records[0].State);
        Assert.Equal(4, records[0].Attempts);
        Assert.Contains("gave up after 4 attempts", records[0].Reason, StringComparison.Ordinal);
        Assert.Contains("refused", records[0].Reason, StringComparison.OrdinalIgnoreCase);
        var dead = Assert.Single(await rig.Outbox.Queue.DeadLettersAsync());
        Assert.Equal(records[0].Reason, dead.LastError);
    }

    [Fact]
    public async Task Send_44004_FailsAtOnceWithoutRetrying()
    {
        _server.Behaviour = _ => new FakeAnswer.Errcode(44004, "empty content");
        await using var rig = await StartAsync();

        var records = await rig.DeliverAsync(rig.Post("m1", "grp-a", "停电通知"));

        Assert.Single(_server.Received);
        Assert.Equal(DeliveryState.Dead, records[0].State);
        Assert.Contains("44004", records[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_45009_BacksOffAWindowThenDelivers()
    {
        var calls = 0;
        _server.Behaviour = _ => Interlocked.Increment(ref calls) == 1 ? new FakeAnswer.Errcode(45009, "api freq out of limit") : FakeAnswer.Ok;
        await using var rig = await StartAsync(new Dictionary<string, string?> { ["Queues:Outbound:Concurrency"] = "1" });

        var records = await rig.DeliverAsync(rig.Post("m1", "grp-a", "停电通知"), rig.Post("m2", "grp-a", "恢复供电"));

        Assert.All(records, r => Assert.Equal(DeliveryState.Sent, r.State));
        Assert.Equal(3, _server.Received.Count);
        Assert.True(_server.Received[1].At - _server.Received[0].At >= TimeSpan.FromMinutes(1), "sent again within the window WeCom refused");
        Assert.Equal(["停电通知", "恢复供电"], _server.Delivered.Select(d => d.Content).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Send_93000_DisablesRobotAlertsManagerAndSupervisorDeadLettersWithReason()
    {
        _server.Behaviour = r => r.Key == "key-a" ? new FakeAnswer.Errcode(93000, "invalid webhook url") : FakeAnswer.Ok;
        await using var rig = await StartAsync(new Dictionary<string, string?> { ["Queues:Outbound:Concurrency"] = "1" });

        var records = await rig.DeliverAsync(rig.Post("m1", "grp-a", "停电通知"), rig.Post("m2", "grp-a", "恢复供电"), rig.Post("m3", "grp-b", "停电通知"));
        await rig.WaitForFinalAsync(["alert-robot-grp-a-" + new Robot("grp-a", "key-a").Fingerprint + "-93000-wangjianhua"]);

        Assert.All(records.Take(2), r => Assert.Equal(DeliveryState.Dead, r.State));
        Assert.All(records.Take(2), r => Assert.Contains("93000", r.Reason, StringComparison.Ordinal));
        Assert.Equal(DeliveryState.Sent, records[2].State);
        Assert.Single(_server.Received, r => r.Key == "key-a"); // the second message is refused without a call
        var disabled = Assert.Single(await rig.Services.GetRequiredService<RobotStates>().ListAsync());
        Assert.Equal(("grp-a", 93000), (disabled.GroupId, disabled.Code));
        Assert.Contains(rig.Logs, l => l.Level == LogLevel.Critical && l.Message.Contains("grp-a", StringComparison.Ordinal));
        var transcript = rig.Services.GetRequiredService<Transcript>();
        foreach (var person in new[] { "wangjianhua", "sunlihong" })
        {
            var alert = Assert.Single(await transcript.ReadAsync("dm:" + person));
            Assert.Contains("幸福里一区用电服务群", alert.Text, StringComparison.Ordinal);
            Assert.Contains("WeCom:Robots:grp-a:Key", alert.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Redrive_AfterRobotFixed_DeliversTheDeadLettersOnce()
    {
        var gone = true;
        _server.Behaviour = _ => gone ? new FakeAnswer.Errcode(93008, "robot not in group") : FakeAnswer.Ok;
        await using var rig = await StartAsync(new Dictionary<string, string?> { ["Queues:Outbound:Concurrency"] = "1" });
        await rig.DeliverAsync(rig.Post("m1", "grp-a", "停电通知"), rig.Post("m2", "grp-a", "恢复供电"));
        gone = false; // the manager added the robot back to the group

        var result = await rig.Services.GetRequiredService<IDeliveryAdmin>().RedriveAsync(CancellationToken.None);
        var records = await rig.WaitForFinalAsync(["m1", "m2"]);

        Assert.Equal(2, result.Redriven);
        Assert.Equal(["grp-a"], result.RobotsEnabled);
        Assert.All(records, r => Assert.Equal(DeliveryState.Sent, r.State));
        Assert.Equal(2, _server.Delivered.Count);
    }

    [Fact]
    public async Task Send_LongMessageWithAFailureMidway_PartsArriveInOrderEachOnce()
    {
        var text = string.Concat(Enumerable.Repeat("因10千伏幸福线检修，幸福里小区1-5号楼将于11月28日08:00至12:00停电，请提前做好准备。", 60));
        var calls = 0;
        _server.Behaviour = _ => Interlocked.Increment(ref calls) == 3 ? new FakeAnswer.Status(500) : FakeAnswer.Ok;
        await using var rig = await StartAsync(new Dictionary<string, string?> { ["Delivery:InlineRetries"] = "0" });

        var records = await rig.DeliverAsync(rig.Post("long", "grp-a", text));

        Assert.Equal(DeliveryState.Sent, records[0].State);
        var parts = _server.Delivered.Select(d => d.Content).ToList();
        Assert.Equal(4, parts.Count);
        for (var i = 0; i < 4; i++)
        {
            Assert.StartsWith($"({i + 1}/4)\n", parts[i], StringComparison.Ordinal);
            Assert.True(Encoding.UTF8.GetByteCount(parts[i]) <= 2048);
        }
    }

    [Fact]
    public async Task Send_GroupWithoutRobotKey_DeadLettersNamingTheSetting()
    {
        await using var rig = await StartAsync();

        var records = await rig.DeliverAsync(rig.Post("m1", "grp-unknown", "停电通知"));

        Assert.Equal(DeliveryState.Dead, records[0].State);
        Assert.Contains("WeCom:Robots:grp-unknown:Key", records[0].Reason, StringComparison.Ordinal);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task Send_SameMessageQueuedAgainAfterDelivery_IsNotPostedTwice()
    {
        await using var rig = await StartAsync();
        var message = rig.Post("m1", "grp-a", "停电通知");
        await rig.DeliverAsync(message);

        // As if a crash lost the acknowledgement: the same message comes round again.
        await rig.Outbox.Queue.EnqueueAsync(JsonSerializer.Serialize(message, CoreJson.Default.OutboundMessage), id: message.Id);
        await Task.Delay(300);
        await rig.WaitForFinalAsync([message.Id]);

        Assert.Single(_server.Received);
        Assert.Contains(rig.Logs, l => l.EventId == GridService.Core.EventIds.Delivery + 3);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
