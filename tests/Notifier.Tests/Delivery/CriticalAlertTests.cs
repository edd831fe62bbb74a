using GridService.Core.Chat;

namespace GridService.Notifier.Tests.Delivery;

/// <summary>
/// A critical notice whose gateway keeps failing: retried for hours with backoff (not dead after a handful of tries
/// like an ordinary message), its area manager told privately at the first failure, and when it finally dies the
/// operator and the manager told again.
/// </summary>
public sealed class CriticalAlertTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task CriticalNotice_GatewayDown_RetriedForHoursThenDeadAndManagerAndOperatorToldPrivately()
    {
        await using var store = fixture.CreateStore();
        await using var server = await FakeWebhookServer.StartAsync();
        server.Behaviour = request => request.Key == "key-a" ? new FakeAnswer.Status(502) : FakeAnswer.Ok;
        await using var rig = await DeliveryRig.StartAsync(store.Store, server, new Dictionary<string, string?>
        {
            ["Queues:Outbound:MaxAttempts"] = "3",
            ["Delivery:MaxRetryDelay"] = "00:10:00",
            ["Delivery:CriticalRetryFor"] = "02:00:00",
            ["Alerts:Operators:0"] = "ops-duty",
        });
        var notice = new OutboundMessage("notice:n9:Announce:g:grp-a", "wecom-robot", "grp-a", null, "【计划停电通知】幸福里一区 12月20日 08:00-12:00 停电",
            "planned-outage", null, Critical: true, rig.Clock.GetUtcNow(), NoticeId: "n9");
        var ordinary = rig.Post("ordinary-1", "grp-a", "普通消息");

        var records = await rig.DeliverAsync(notice, ordinary);

        var dead = records.Single(r => r.MessageId == notice.Id);
        Assert.Equal(DeliveryState.Dead, dead.State);
        Assert.True(dead.Attempts > 3, $"a critical notice is tried for hours, not {dead.Attempts} times");
        Assert.True(rig.Clock.GetUtcNow() - DeliveryRig.Start >= TimeSpan.FromHours(2), $"dead after {rig.Clock.GetUtcNow() - DeliveryRig.Start}");
        Assert.Equal(3, records.Single(r => r.MessageId == ordinary.Id).Attempts); // ordinary messages stop at MaxAttempts

        var alerts = await rig.WaitForFinalAsync([$"alert-failing-{notice.Id}-wangjianhua", $"alert-dead-{notice.Id}-wangjianhua", $"alert-dead-{notice.Id}-ops-duty"]);
        Assert.All(alerts, a => Assert.Equal(DeliveryState.Sent, a.State));
        var transcript = new Transcript(store.Store);
        var manager = await transcript.ReadAsync(Conversations.Private("wangjianhua"));
        Assert.Contains(manager, e => e.Text.StartsWith("【通知发送失败】计划停电通知发往幸福里一区用电服务群失败", StringComparison.Ordinal));
        Assert.Contains(manager, e => e.Text.StartsWith("【通知未送达】", StringComparison.Ordinal) && e.Text.Contains("deliveries redrive", StringComparison.Ordinal));
        Assert.Contains(await transcript.ReadAsync(Conversations.Private("ops-duty")), e => e.Text.StartsWith("【通知未送达】", StringComparison.Ordinal));
        Assert.Equal(2, manager.Count); // one alert per event, however many attempts failed
    }
}
