using GridService.Core.Chat;
using GridService.Core.Domain;
using GridService.Core.Grid;
using GridService.Notifier.Delivery.WeCom.CustomerGroups;

namespace GridService.Notifier.Tests.Delivery.WeCom;

/// <summary>
/// Posts to an external customer group become 企业群发 tasks the group's manager confirms, against a local fake WeCom:
/// the delivery status follows the task (awaiting the manager, sent, quota used), a group gets one a day.
/// </summary>
public sealed class CustomerGroupTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private const string Group = "grp-cg";
    private const string Chat = "wr-cg-0001";

    private TestStore _store = null!;
    private FakeWebhookServer _hooks = null!;
    private FakeWeComServer _weCom = null!;
    private DeliveryRig _rig = null!;

    public async Task InitializeAsync()
    {
        _store = fixture.CreateStore();
        _hooks = await FakeWebhookServer.StartAsync();
        _weCom = await FakeWeComServer.StartAsync();
        _weCom.AddApp("ww-cg", "contact-secret", 1000005);
        _weCom.AddCustomerGroup(Chat, "wangjianhua");
        _rig = await DeliveryRig.StartAsync(_store.Store, _hooks, new Dictionary<string, string?>
        {
            ["WeCom:ApiBaseUrl"] = _weCom.ApiBaseUrl,
            ["WeCom:Apps:contact:CorpId"] = "ww-cg",
            ["WeCom:Apps:contact:Secret"] = "contact-secret",
            ["WeCom:Apps:contact:AgentId"] = "1000005",
            [$"WeCom:CustomerGroups:Groups:{Group}:ChatId"] = Chat,
            ["WeCom:CustomerGroups:GiveUpAfter"] = "30.00:00:00",
        });
        _weCom.Clock = _rig.Clock;
        await new GridDirectory(_store.Store).SaveGroupAsync(new ChatGroup(Group, "A01", "幸福里业主群", "小电", ["wangjianhua"], ChannelNames.WeComCustomerGroup));
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        await _weCom.DisposeAsync();
        await _hooks.DisposeAsync();
        await _store.DisposeAsync();
    }

    private OutboundMessage Notice(string id, string text, bool critical = false) =>
        new(id, ChannelNames.WeComCustomerGroup, Group, null, text, "planned-outage", null, critical, _rig.Clock.GetUtcNow(), NoticeId: "n-" + id);

    [Fact]
    public async Task Notice_TaskForTheGroupsManager_AwaitsConfirmationAndIsRemindedThenSentWhenConfirmed()
    {
        await _rig.EnqueueAsync(Notice("cg-1", "【计划停电】12月6日 8:00-12:00 幸福里1-5号楼检修。"));

        var task = await _weCom.WaitForTaskAsync(t => t.Text.Contains("幸福里1-5号楼", StringComparison.Ordinal));
        Assert.Equal("wangjianhua", task.Sender);
        Assert.Equal([Chat], task.Chats);
        var waiting = await WaitForRecordAsync("cg-1", r => r.State == DeliveryState.Deferred);
        Assert.StartsWith(CustomerGroupSender.Awaiting, waiting.Reason, StringComparison.Ordinal);
        await WaitUntilAsync(() => task.Reminders >= 1); // left unconfirmed: the manager is reminded

        _weCom.Confirm(task.MsgId);

        var sent = Assert.Single(await _rig.WaitForFinalAsync(["cg-1"]));
        Assert.Equal(DeliveryState.Sent, sent.State);
        Assert.Single(_weCom.Tasks);
    }

    [Fact]
    public async Task SecondNoticeSameDay_MergedIntoTheUnconfirmedTask()
    {
        await _rig.EnqueueAsync(Notice("cg-a", "第一条：12月6日停电通知。"));
        var first = await _weCom.WaitForTaskAsync(_ => true);
        await _rig.EnqueueAsync(Notice("cg-b", "第二条：12月7日停电通知。"));

        var merged = await _weCom.WaitForTaskAsync(t => t.Text.Contains("第二条", StringComparison.Ordinal));
        Assert.Contains("第一条", merged.Text, StringComparison.Ordinal);
        Assert.True(first.Cancelled);
        _weCom.Confirm(merged.MsgId);

        var records = await _rig.WaitForFinalAsync(["cg-a", "cg-b"]);
        Assert.All(records, r => Assert.Equal(DeliveryState.Sent, r.State));
        Assert.Equal(1, _weCom.Tasks.Values.Count(t => !t.Cancelled));
    }

    [Fact]
    public async Task SecondNoticeAfterTheDaysTaskWasSent_HeldUntilTomorrowAndTheManagerToldToPostByHand()
    {
        await _rig.EnqueueAsync(Notice("cg-x", "今天的第一条通知。"));
        var first = await _weCom.WaitForTaskAsync(_ => true);
        _weCom.Confirm(first.MsgId);
        await _rig.WaitForFinalAsync(["cg-x"]);

        await _rig.EnqueueAsync(Notice("cg-y", "【故障停电】10kV城关线跳闸，正在抢修。", critical: true));

        var second = await _weCom.WaitForTaskAsync(t => t.Text.Contains("跳闸", StringComparison.Ordinal));
        var nextMorning = new DateTimeOffset(2025, 11, 21, 8, 0, 0, TimeSpan.FromHours(8));
        Assert.True(second.CreatedAt >= nextMorning, $"created at {second.CreatedAt:O}");
        Assert.DoesNotContain("今天的第一条", second.Text, StringComparison.Ordinal);
        var note = await WaitForRecordAsync("cg-held-cg-y", r => r.State is DeliveryState.Sent or DeliveryState.Dead);
        Assert.Equal(("dm:wangjianhua", DeliveryState.Sent), (note.Target, note.State));
        _weCom.Confirm(second.MsgId);
        Assert.Equal(DeliveryState.Sent, Assert.Single(await _rig.WaitForFinalAsync(["cg-y"])).State);
    }

    [Fact]
    public async Task GroupHadAnother群发Today_QuotaUsed_TriedAgainTomorrow()
    {
        await _rig.EnqueueAsync(Notice("cg-q", "【计划停电】周六检修。", critical: true));
        var first = await _weCom.WaitForTaskAsync(_ => true);
        _weCom.UseQuota(Chat); // the manager sent something else to the group today

        _weCom.Confirm(first.MsgId);

        Assert.Equal(3, first.Status[Chat]);
        var second = await _weCom.WaitForTaskAsync(t => t.MsgId != first.MsgId);
        Assert.True(second.CreatedAt >= new DateTimeOffset(2025, 11, 21, 8, 0, 0, TimeSpan.FromHours(8)));
        var note = await WaitForRecordAsync("cg-held-cg-q", r => r.State == DeliveryState.Sent);
        Assert.Equal("dm:wangjianhua", note.Target);
        _weCom.Confirm(second.MsgId);
        Assert.Equal(DeliveryState.Sent, Assert.Single(await _rig.WaitForFinalAsync(["cg-q"])).State);
    }

    private async Task<DeliveryRecord> WaitForRecordAsync(string id, Func<DeliveryRecord, bool> match)
    {
        DeliveryRecord? found = null;
        await WaitUntilAsync(() => (found = _rig.Outbox.Statuses.GetAsync(id).GetAwaiter().GetResult()) is { } r && match(r));
        return found!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold in time.");
            await Task.Delay(10);
        }
    }
}
