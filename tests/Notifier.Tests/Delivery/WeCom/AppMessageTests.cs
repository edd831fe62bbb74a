using GridService.Core.Chat;

namespace GridService.Notifier.Tests.Delivery.WeCom;

/// <summary>
/// Private messages to staff through a WeCom self-built app, against a local fake WeCom over real HTTP and a real
/// Redis, on the delivery rig's fake clock: access tokens shared and refreshed, WeCom's silent per-member limit kept,
/// errcodes mapped to dead letters and a disabled app.
/// </summary>
public sealed class AppMessageTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private const string Corp = "ww-test-corp";
    private const string Secret = "app-secret";
    private const int Agent = 1000002;

    private TestStore _store = null!;
    private FakeWebhookServer _hooks = null!;
    private FakeWeComServer _weCom = null!;

    public async Task InitializeAsync()
    {
        _store = fixture.CreateStore();
        _hooks = await FakeWebhookServer.StartAsync();
        _weCom = await FakeWeComServer.StartAsync();
        _weCom.AddApp(Corp, Secret, Agent);
    }

    public async Task DisposeAsync()
    {
        await _weCom.DisposeAsync();
        await _hooks.DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task<DeliveryRig> RigAsync(int workers = 1, string secret = Secret, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = _weCom.ApiBaseUrl,
            ["WeCom:Apps:staff:CorpId"] = Corp,
            ["WeCom:Apps:staff:Secret"] = secret,
            ["WeCom:Apps:staff:AgentId"] = "1000002",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var rig = await DeliveryRig.StartAsync(_store.Store, _hooks, settings, workers);
        _weCom.Clock = rig.Clock;
        return rig;
    }

    private static OutboundMessage Page(DeliveryRig rig, string id, string to, string text = "【工单提醒】GD20251120-0001 幸福里7号楼停电，请尽快处理。") =>
        new(id, ChannelNames.WeComApp, "", to, text, "workorder-manager-alert", null, Critical: true, rig.Clock.GetUtcNow());

    [Fact]
    public async Task Page_ToAManager_DeliveredAsATextAppMessage()
    {
        await using var rig = await RigAsync();

        var record = Assert.Single(await rig.DeliverAsync(Page(rig, "page-1", "wangjianhua")));

        Assert.Equal(DeliveryState.Sent, record.State);
        var message = Assert.Single(_weCom.AppMessages);
        Assert.Equal(("wangjianhua", Agent, "text"), (message.User, message.AgentId, message.MsgType));
        Assert.Contains("GD20251120-0001", message.Content, StringComparison.Ordinal);
        Assert.Equal(1, message.Body.GetProperty("enable_duplicate_check").GetInt32());
    }

    [Fact]
    public async Task Token_FetchedOnceAndSharedByTwoNotifiers()
    {
        await using var rig = await RigAsync(workers: 2);

        await rig.DeliverAsync([.. Enumerable.Range(1, 8).Select(i => Page(rig, $"share-{i}", $"staff-{i}"))]);

        Assert.Equal(8, _weCom.AppMessages.Count);
        Assert.Equal(1, _weCom.TokenCalls);
    }

    [Fact]
    public async Task Token_RevokedByWeCom_OneRefreshForAllCallersAndEachCallRetriedOnce()
    {
        await using var rig = await RigAsync();
        await rig.DeliverAsync(Page(rig, "before", "wangjianhua"));

        _weCom.ExpireTokens();
        var records = await rig.DeliverAsync([.. Enumerable.Range(1, 10).Select(i => Page(rig, $"after-{i}", $"staff-{i}"))]);

        Assert.All(records, r => Assert.Equal(DeliveryState.Sent, r.State));
        Assert.Equal(2, _weCom.TokenCalls);
        Assert.Equal(11, _weCom.AppMessages.Count);
    }

    [Fact]
    public async Task Token_NearItsExpiry_FetchedAgainBeforeWeComRefusesIt()
    {
        await using var rig = await RigAsync();
        await rig.DeliverAsync(Page(rig, "early-1", "wangjianhua"));

        rig.Clock.Advance(TimeSpan.FromSeconds(7200) - TimeSpan.FromMinutes(4));
        await rig.DeliverAsync(Page(rig, "early-2", "wangjianhua"));

        Assert.Equal(2, _weCom.TokenCalls);
        Assert.Equal(2, _weCom.Requests.Count(r => r.Path == "/cgi-bin/message/send")); // no refused call in between
    }

    [Fact]
    public async Task ThirtyFivePagesToOneMember_OursHoldTheRestSoWeComDropsNone()
    {
        await using var rig = await RigAsync();

        var records = await rig.DeliverAsync([.. Enumerable.Range(1, 35).Select(i => Page(rig, $"burst-{i}", "wangjianhua", $"第{i}条提醒"))]);

        Assert.All(records, r => Assert.Equal(DeliveryState.Sent, r.State));
        Assert.Equal(35, _weCom.AppMessages.Count);
        Assert.All(_weCom.AppMessages, m => Assert.True(m.Delivered, $"WeCom dropped '{m.Content}'"));
    }

    [Fact]
    public async Task PagesHeldByTheMinuteLimit_DoNotUseUpTheHourLimit()
    {
        // Two a minute and six an hour: six pages fit in three minutes. A page held back by the minute window must not
        // also spend a slot of the hour window each time it asks, or the last pages would wait an hour.
        await using var rig = await RigAsync(extra: new Dictionary<string, string?>
        {
            ["WeCom:AppMessages:PerMemberPerMinute"] = "2", ["WeCom:AppMessages:PerMemberPerHour"] = "6",
        });

        var records = await rig.DeliverAsync([.. Enumerable.Range(1, 6).Select(i => Page(rig, $"held-{i}", "wangjianhua", $"第{i}条提醒"))]);

        Assert.All(records, r => Assert.Equal(DeliveryState.Sent, r.State));
        Assert.Equal(6, _weCom.AppMessages.Count(m => m.Delivered));
        var last = records.Max(r => r.UpdatedAt) - DeliveryRig.Start;
        Assert.True(last < TimeSpan.FromMinutes(10), $"the last page went {last} after the first");
    }

    [Fact]
    public async Task MemberOutsideTheAppsRange_DeadLetteredSayingSo()
    {
        _weCom.Members["wangjianhua"] = true;
        await using var rig = await RigAsync();

        var record = Assert.Single(await rig.DeliverAsync(Page(rig, "stranger-1", "someone-else")));

        Assert.Equal(DeliveryState.Dead, record.State);
        Assert.Contains("visible range", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecret_AppDisabled_LaterMessagesDeadWithoutAskingWeComAgain()
    {
        await using var rig = await RigAsync(secret: "not-the-secret");

        var first = Assert.Single(await rig.DeliverAsync(Page(rig, "bad-1", "wangjianhua")));
        var second = Assert.Single(await rig.DeliverAsync(Page(rig, "bad-2", "wangjianhua")));

        Assert.Equal((DeliveryState.Dead, DeliveryState.Dead), (first.State, second.State));
        Assert.Contains("WeCom:Apps:staff", first.Reason, StringComparison.Ordinal);
        Assert.Contains("40001", second.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _weCom.TokenCalls);
        Assert.Empty(_weCom.AppMessages);
    }
}
