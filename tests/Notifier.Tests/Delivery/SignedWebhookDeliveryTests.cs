using System.Text;
using System.Text.Json;
using GridService.Core.Chat;

namespace GridService.Notifier.Tests.Delivery;

public sealed class SignedWebhookDeliveryTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private TestStore _store = null!;
    private FakeWebhookServer _server = null!;

    public async Task InitializeAsync()
    {
        _store = fixture.CreateStore();
        _server = await FakeWebhookServer.StartAsync(secret: "gateway-secret");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Bridge_Post_IsSignedCarriesTheIdempotencyKeyAndEveryField()
    {
        await using var rig = await DeliveryRig.StartAsync(_store.Store, _server);
        var message = new OutboundMessage("reply-1", "bridge", "wx-group-9", "wx-user-3", "电费可以在网上国网App缴纳。", "reply", "in-7",
            Critical: false, DeliveryRig.Start);

        var records = await rig.DeliverAsync(message);

        var post = Assert.Single(_server.Delivered);
        Assert.True(BridgeSignature.Verify("gateway-secret", post.Timestamp, Encoding.UTF8.GetBytes(post.Body), post.Signature));
        Assert.Equal("reply-1", post.Key); // Idempotency-Key
        using var body = JsonDocument.Parse(post.Body);
        var root = body.RootElement;
        Assert.Equal(
            ("reply-1", "bridge", "wx-group-9", "wx-user-3", "电费可以在网上国网App缴纳。", "reply", "in-7"),
            (Str("id"), Str("channel"), Str("groupId"), Str("recipientId"), Str("text"), Str("kind"), Str("replyTo")));
        Assert.Equal(DeliveryRig.Start, root.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal(DeliveryState.Sent, records[0].State);

        string? Str(string name) => root.GetProperty(name).GetString();
    }

    [Fact]
    public async Task Sms_Post_GoesToTheSmsGatewaySigned()
    {
        await using var rig = await DeliveryRig.StartAsync(_store.Store, _server);

        await rig.DeliverAsync(rig.Post("sms-1", "", "您的电费账单已出账。", channel: "sms", recipient: "0512345678", kind: "bill-issued"));

        var post = Assert.Single(_server.Delivered);
        Assert.Equal("sms", post.Endpoint);
        Assert.True(BridgeSignature.Verify("gateway-secret", post.Timestamp, Encoding.UTF8.GetBytes(post.Body), post.Signature));
    }

    [Fact]
    public async Task Bridge_GatewayRefusesSignature_DeadLettersWithItsAnswerAtOnce()
    {
        await using var rig = await DeliveryRig.StartAsync(_store.Store, _server, new Dictionary<string, string?> { ["Bridge:Secret"] = "stale-secret" });

        var records = await rig.DeliverAsync(rig.Post("m1", "wx-group-9", "停电通知", channel: "bridge"));

        Assert.Single(_server.Received);
        Assert.Equal(DeliveryState.Dead, records[0].State);
        Assert.Contains("HTTP 401", records[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bridge_SentAgainAfterACrashLostTheMarker_GatewayDeliversItOnce()
    {
        await using var rig = await DeliveryRig.StartAsync(_store.Store, _server);
        var message = rig.Post("m1", "wx-group-9", "停电通知", channel: "bridge");
        await rig.DeliverAsync(message);

        // The crash window: the gateway accepted the post, the worker died before writing "sent" and acknowledging.
        await rig.Store.Db.KeyDeleteAsync(rig.Store.Keys.Once("deliver", message.Id));
        await rig.Outbox.Queue.EnqueueAsync(JsonSerializer.Serialize(message, CoreJson.Default.OutboundMessage), id: message.Id);
        await WaitUntilAsync(() => _server.Received.Count == 2);
        await rig.WaitForFinalAsync([message.Id]);

        Assert.Equal(2, _server.Received.Count);
        Assert.Single(_server.Delivered);
    }

    [Fact]
    public async Task Sms_NoGatewayConfigured_DeadLettersNamingTheSetting()
    {
        await using var rig = await DeliveryRig.StartAsync(_store.Store, _server, new Dictionary<string, string?> { ["Sms:Url"] = "" });

        var records = await rig.DeliverAsync(rig.Post("m1", "", "停电通知", channel: "sms", recipient: "0512345678"));

        Assert.Equal(DeliveryState.Dead, records[0].State);
        Assert.Contains("Sms:Url", records[0].Reason, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met");
            await Task.Delay(20);
        }
    }
}
