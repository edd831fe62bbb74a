using GridService.Core.Chat;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace GridService.Notifier.Tests.Delivery;

[Trait("Category", "Process")]
public sealed class DeliveryCrashTests(StoreFixture fixture, ITestOutputHelper output) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Kill_MidBroadcast_ASecondNotifierFinishesIt_NoneLostNoneTwice()
    {
        await using var store = fixture.CreateStore();
        await using var server = await FakeWebhookServer.StartAsync(secret: "gateway-secret");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = EndPointCollection.ToString(fixture.Connection.GetEndPoints()[0]),
            ["Store:KeyPrefix"] = store.Prefix,
            ["Samples:Seed"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            // Generous timeouts: a timed-out request may still have reached the platform, and retrying it is the
            // documented at-least-once case; this test is about the kill, not about a loaded machine's slow start.
            ["Queues:Outbound:Lease"] = "00:00:05",
            ["Queues:Outbound:ReclaimInterval"] = "00:00:00.250",
            ["Queues:Outbound:PollInterval"] = "00:00:00.020",
            ["Queues:Outbound:RetryBaseDelay"] = "00:00:00.200",
            ["Delivery:AttemptTimeout"] = "00:00:02",
            ["Delivery:InlineRetries"] = "0",
            ["WeCom:Robot:BaseUrl"] = server.BaseUrl.ToString(),
            ["WeCom:Robot:RateWindow"] = "00:00:01",
            ["WeCom:Robot:RateMargin"] = "00:00:00.250",
            ["WeCom:Robots:grp-a:Key"] = "key-a",
            ["WeCom:Robots:grp-b:Key"] = "key-b",
            ["WeCom:Robots:grp-c:Key"] = "key-c",
            ["Bridge:OutboundUrl"] = new Uri(server.BaseUrl, "/bridge").ToString(),
            ["Bridge:Secret"] = "gateway-secret",
        };
        var outbox = new Outbox(store.Store, TimeProvider.System);
        var messages = new List<OutboundMessage>();
        foreach (var group in new[] { "grp-a", "grp-b", "grp-c" })
        {
            messages.AddRange(Enumerable.Range(0, 40).Select(i => Message($"{group}-{i}", "wecom-robot", group, $"{group} 停电通知 {i}")));
        }

        messages.AddRange(Enumerable.Range(0, 30).Select(i => Message($"bridge-{i}", "bridge", "wx-group", $"桥接 停电通知 {i}")));
        foreach (var message in messages) await outbox.EnqueueAsync(message);

        int deliveredAtKill;
        var killedAt = DateTimeOffset.MinValue;
        await using (var first = await HostProcess.StartAsync(HostProcess.Notifier, settings))
        {
            await WaitUntilAsync(() => Task.FromResult(server.Delivered.Count >= 50), TimeSpan.FromSeconds(30), () => first.Tail);
            server.HoldAll(); // requests from now on are parked unseen, so the kill lands mid-send, not after the platform accepted
            await Task.Delay(300);
            var held = server.Held;
            first.Kill();
            killedAt = DateTimeOffset.UtcNow;
            deliveredAtKill = server.Delivered.Count;
            output.WriteLine($"killed with {deliveredAtKill} of {messages.Count} delivered and {held} requests in flight");
        }

        // The killed process's parked requests are aborted, not answered; only then let new requests through.
        await WaitUntilAsync(() => Task.FromResult(server.Held == 0), TimeSpan.FromSeconds(10), () => "parked requests were not aborted");
        server.Release();
        await using var second = await HostProcess.StartAsync(HostProcess.Notifier, settings);
        await WaitUntilAsync(async () => (await Task.WhenAll(messages.Select(m => outbox.Statuses.GetAsync(m.Id))))
            .All(r => r?.State == DeliveryState.Sent), TimeSpan.FromSeconds(60), () => second.Tail);

        Assert.InRange(deliveredAtKill, 50, messages.Count - 1);
        var robotPosts = server.Delivered.Where(d => d.Endpoint == "robot").GroupBy(d => d.Content).ToDictionary(g => g.Key, g => g.Count());
        var bridgePosts = server.Delivered.Where(d => d.Endpoint == "bridge").GroupBy(d => d.Key).ToDictionary(g => g.Key, g => g.Count());
        var twice = messages.Where(m => (m.Channel == "bridge" ? bridgePosts.GetValueOrDefault(m.Id) : robotPosts.GetValueOrDefault(m.Text)) > 1);
        output.WriteLine("delivered twice: " + string.Join(", ", twice.Select(m => m.Id)));
        foreach (var m in twice)
        {
            foreach (var r in server.Received.Where(r => m.Channel == "bridge" ? r.Key == m.Id : r.Endpoint == "robot" && r.Content == m.Text)) output.WriteLine($"  {m.Id} {r.At:HH:mm:ss.fff} port {r.ClientPort}");
        }

        output.WriteLine($"kill at {killedAt:HH:mm:ss.fff}");
        foreach (var m in messages)
        {
            Assert.Equal(1, m.Channel == "bridge" ? bridgePosts.GetValueOrDefault(m.Id) : robotPosts.GetValueOrDefault(m.Text));
        }

        var counts = await outbox.Queue.CountsAsync();
        Assert.Equal(new QueueCountsView(0, 0, 0, 0), new QueueCountsView(counts.Ready, counts.Processing, counts.Delayed, counts.Dead));
    }

    private static OutboundMessage Message(string id, string channel, string groupId, string text) =>
        new(id, channel, groupId, null, text, "planned-outage", null, Critical: true, DateTimeOffset.UtcNow, NoticeId: "crash-notice");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {timeout}; Notifier output:\n{diagnostics()}");
            await Task.Delay(50);
        }
    }

    private sealed record QueueCountsView(long Ready, long Processing, long Delayed, long Dead);
}
