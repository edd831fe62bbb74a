using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GridService.Core.Chat;
using GridService.Notifier.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Notifier.Tests.Delivery;

public sealed class DeliveryStatusTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private const string Token = "op-token-1";
    private TestStore _store = null!;
    private FakeWebhookServer _server = null!;
    private volatile bool _groupBBroken = true;

    public async Task InitializeAsync()
    {
        _store = fixture.CreateStore();
        _server = await FakeWebhookServer.StartAsync();
        _server.Behaviour = r => r.Key == "key-b" && _groupBBroken ? new FakeAnswer.Status(500) : FakeAnswer.Ok;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task<DeliveryRig> StartWithNoticeAsync()
    {
        var rig = await DeliveryRig.StartAsync(_store.Store, _server, new Dictionary<string, string?> { ["Admin:Token"] = Token });
        await rig.DeliverAsync(
            rig.Post("n1-grp-a", "grp-a", "停电通知", noticeId: "n1"),
            rig.Post("n1-grp-b", "grp-b", "停电通知", noticeId: "n1"),
            rig.Post("n1-grp-c", "grp-c", "停电通知", noticeId: "n1"),
            rig.Post("other", "grp-a", "恢复供电", noticeId: "n2"));
        return rig;
    }

    [Fact]
    public async Task GetDeliveries_ByNotice_ShowsEachGroupsStateAndTheDeadReason()
    {
        await using var rig = await StartWithNoticeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/deliveries?notice=n1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var response = await rig.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var deliveries = body.RootElement.GetProperty("deliveries").EnumerateArray()
            .ToDictionary(d => d.GetProperty("target").GetString()!, d => (State: d.GetProperty("state").GetString(), Reason: d.GetProperty("reason").GetString()));
        Assert.Equal(["grp-a", "grp-b", "grp-c"], deliveries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("sent", deliveries["grp-a"].State);
        Assert.Equal("dead", deliveries["grp-b"].State);
        Assert.Contains("HTTP 500", deliveries["grp-b"].Reason, StringComparison.Ordinal);
        Assert.Equal(2, body.RootElement.GetProperty("counts").GetProperty("sent").GetInt32());
        Assert.Equal(1, body.RootElement.GetProperty("queue").GetProperty("dead").GetInt64());
    }

    [Fact]
    public async Task GetDeliveries_WithoutTheToken_Is401()
    {
        await using var rig = await DeliveryRig.StartAsync(_store.Store, _server, new Dictionary<string, string?> { ["Admin:Token"] = Token });

        using var response = await rig.Http.GetAsync("/api/deliveries?notice=n1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Queued_BeforeAnyWorkerTookIt_ShowsAsQueued()
    {
        var outbox = new Outbox(_store.Store, TimeProvider.System);

        await outbox.EnqueueAsync(new OutboundMessage("q1", "wecom-robot", "grp-a", null, "停电通知", "planned-outage", null, false, DateTimeOffset.UtcNow, "n9"));
        await Task.Delay(50); // the queued record is written without waiting

        var record = Assert.Single(await outbox.Statuses.OfNoticeAsync("n9"));
        Assert.Equal(DeliveryState.Queued, record.State);
    }

    [Fact]
    public async Task Cli_NoticeThenRedriveAfterTheFix_ShowsTheDeadOneThenDeliversIt()
    {
        await using var rig = await StartWithNoticeAsync();
        string[] remote = ["--url", rig.Http.BaseAddress!.ToString(), "--Admin:Token", Token];

        var (code, listing, _) = await RunCliAsync(["deliveries", "--notice", "n1", .. remote]);
        _groupBBroken = false;
        var (redriveCode, redrive, _) = await RunCliAsync(["deliveries", "redrive", .. remote]);
        await rig.WaitForFinalAsync(["n1-grp-b"]);
        var (_, after, _) = await RunCliAsync(["deliveries", "--dead", .. remote]);

        Assert.Equal(0, code);
        Assert.Matches(@"dead\s+n1-grp-b\s+wecom-robot\s+grp-b\s+4 .*HTTP 500", listing);
        Assert.Contains("notice n1: 3 deliveries (1 dead, 2 sent)", listing, StringComparison.Ordinal);
        Assert.Equal(0, redriveCode);
        Assert.Contains("1 dead letters re-queued", redrive, StringComparison.Ordinal);
        Assert.Contains("0 deliveries (none)", after, StringComparison.Ordinal);
        Assert.Equal(DeliveryState.Sent, (await rig.Outbox.Statuses.GetAsync("n1-grp-b"))!.State);
    }

    [Fact]
    public async Task Cli_WrongToken_SaysHowToSetIt()
    {
        await using var rig = await DeliveryRig.StartAsync(_store.Store, _server, new Dictionary<string, string?> { ["Admin:Token"] = Token });

        var (code, _, error) = await RunCliAsync(["deliveries", "--url", rig.Http.BaseAddress!.ToString(), "--Admin:Token", "wrong"]);

        Assert.Equal(2, code);
        Assert.Contains("Admin:Token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_WithARedisConnectionString_ReadsTheStoreDirectly()
    {
        await using var rig = await StartWithNoticeAsync();
        var endpoint = EndPointCollection.ToString(fixture.Connection.GetEndPoints()[0]);

        var (code, listing, _) = await RunCliAsync(["deliveries", "--notice", "n2", "--ConnectionStrings:Redis", endpoint, "--Store:KeyPrefix", _store.Prefix]);

        Assert.Equal(0, code);
        Assert.Matches(@"sent\s+other\s+wecom-robot\s+grp-a", listing);
    }

    [Fact]
    public async Task Start_RobotBaseUrlNotAUrl_FailsNamingTheSetting()
    {
        var config = DeliveryRig.Defaults(_server);
        config["WeCom:Robot:BaseUrl"] = "qyapi.weixin.qq.com";
        await using var app = DeliveryRig.Build(_store.Store, TimeProvider.System, config);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("WeCom:Robot:BaseUrl 'qyapi.weixin.qq.com'", Flatten(ex), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AttemptsLongerThanTheLease_FailsSayingWhy()
    {
        var config = DeliveryRig.Defaults(_server);
        config["Delivery:AttemptTimeout"] = "00:01:00";
        await using var app = DeliveryRig.Build(_store.Store, TimeProvider.System, config);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        Assert.Contains("more than half of Queues:Outbound:Lease", Flatten(ex), StringComparison.Ordinal);
    }

    private static string Flatten(Exception ex) => ex switch
    {
        AggregateException a => string.Join("\n", a.InnerExceptions.Select(Flatten)),
        OptionsValidationException o => string.Join("\n", o.Failures),
        _ => ex.Message,
    };

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await NotifierCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
