using System.Net;
using System.Net.Sockets;
using GridService.Core.Chat;
using Xunit.Abstractions;

namespace GridService.Notifier.Tests.Delivery;

public sealed class BroadcastFaultTests(StoreFixture fixture, ITestOutputHelper output) : IClassFixture<StoreFixture>
{
    private static readonly string[] RobotKeys = ["key-a", "key-b", "key-c"];

    [Fact]
    public async Task Broadcast_FaultsOnEveryEndpointAndTwoNotifiers_EachDeliveredOnceOrDeadWithReasonAndRobotsWithinRate()
    {
        await using var store = fixture.CreateStore();
        await using var server = await FakeWebhookServer.StartAsync();
        var random = new Random(11);
        var calls = new Dictionary<string, int>();
        server.Behaviour = request =>
        {
            lock (calls)
            {
                calls[request.Key] = calls.GetValueOrDefault(request.Key) + 1;
                var roll = random.NextDouble();
                return request.Key switch
                {
                    "key-a" when calls["key-a"] == 1 => new FakeAnswer.Hang(),
                    "key-a" when roll < 0.10 => new FakeAnswer.Status(503),
                    "key-a" when roll < 0.15 => new FakeAnswer.Status(429, RetryAfterSeconds: 5),
                    "key-c" when server.DeliveredTo("key-c").Count >= 8 => new FakeAnswer.Errcode(93000, "invalid webhook url"),
                    _ when request.Endpoint == "bridge" && roll < 0.2 => new FakeAnswer.Status(500),
                    _ => FakeAnswer.Ok,
                };
            }
        };
        await using var rig = await DeliveryRig.StartAsync(store.Store, server, new Dictionary<string, string?>
        {
            ["Queues:Outbound:MaxAttempts"] = "5",
            ["Sms:Url"] = $"http://127.0.0.1:{ClosedPort()}/sms", // a dead SMS gateway
        }, workers: 2);
        var messages = new List<OutboundMessage>();
        messages.AddRange(Enumerable.Range(0, 45).Select(i => rig.Post($"a{i}", "grp-a", $"幸福里一区 通知 {i}", noticeId: "n1")));
        messages.AddRange(Enumerable.Range(0, 45).Select(i => rig.Post($"b{i}", "grp-b", $"幸福里二区 通知 {i}", noticeId: "n1")));
        messages.AddRange(Enumerable.Range(0, 20).Select(i => rig.Post($"c{i}", "grp-c", $"幸福里三区 通知 {i}", noticeId: "n1")));
        messages.AddRange(Enumerable.Range(0, 15).Select(i => rig.Post($"w{i}", "wx-1", $"桥接 通知 {i}", channel: "bridge", noticeId: "n1")));
        messages.AddRange(Enumerable.Range(0, 5).Select(i => rig.Post($"s{i}", "", $"短信 通知 {i}", channel: "sms", recipient: "0512345678", noticeId: "n1")));

        foreach (var message in messages) await rig.EnqueueAsync(message);
        var records = (await rig.WaitForFinalAsync(messages.Select(m => m.Id).ToList(), TimeSpan.FromSeconds(90))).ToDictionary(r => r.MessageId);

        output.WriteLine($"fake time {rig.Clock.GetUtcNow() - DeliveryRig.Start}; requests {server.Received.Count}, delivered {server.Delivered.Count}; " +
                         string.Join(", ", records.Values.GroupBy(r => r.State).Select(g => $"{g.Count()} {g.Key}")));
        output.WriteLine(string.Join("\n", records.Values.Where(r => r.State == DeliveryState.Dead).Select(r => $"{r.MessageId}: {r.Reason}").Take(3)));

        // Every message is final: delivered, or dead with a reason an operator can act on.
        Assert.All(records.Values.Where(r => r.State == DeliveryState.Dead), r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.All(messages.Where(m => m.GroupId is "grp-a" or "grp-b" || m.Channel == "bridge"), m => Assert.Equal(DeliveryState.Sent, records[m.Id].State));
        Assert.All(messages.Where(m => m.Channel == "sms"), m => Assert.Contains("refused", records[m.Id].Reason, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(8, messages.Count(m => m.GroupId == "grp-c" && records[m.Id].State == DeliveryState.Sent));
        Assert.All(messages.Where(m => m.GroupId == "grp-c" && records[m.Id].State == DeliveryState.Dead),
            m => Assert.Contains("93000", records[m.Id].Reason, StringComparison.Ordinal));

        // None twice, none delivered that is recorded dead.
        var robotPosts = server.Delivered.Where(d => d.Endpoint == "robot").GroupBy(d => d.Content).ToDictionary(g => g.Key, g => g.Count());
        var bridgePosts = server.Delivered.Where(d => d.Endpoint == "bridge").GroupBy(d => d.Key).ToDictionary(g => g.Key, g => g.Count());
        foreach (var m in messages.Where(m => m.Channel == "wecom-robot"))
        {
            Assert.Equal(records[m.Id].State == DeliveryState.Sent ? 1 : 0, robotPosts.GetValueOrDefault(m.Text));
        }

        foreach (var m in messages.Where(m => m.Channel == "bridge")) Assert.Equal(1, bridgePosts.GetValueOrDefault(m.Id));

        // The platform never sees more than 20 requests a minute from one robot, whatever they were answered.
        foreach (var key in RobotKeys)
        {
            var times = server.Received.Where(r => r.Key == key).Select(r => r.At).Order().ToList();
            for (var i = 0; i + 20 < times.Count; i++)
            {
                Assert.True(times[i + 20] - times[i] >= TimeSpan.FromMinutes(1), $"{key}: 21 requests within {times[i + 20] - times[i]}");
            }
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
