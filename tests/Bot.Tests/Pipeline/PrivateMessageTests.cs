using GridService.Core.Grid;
using GridService.Bot.Pipeline;
using GridService.Core.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.Pipeline;

/// <summary>
/// Private messages through the real pipeline. They come in on the simulator channel here, whose private replies land
/// in the <c>dm:{user}</c> transcript, so the answer each person gets can be read back.
/// </summary>
public sealed class PrivateMessageTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(new Dictionary<string, string> { ["Billing:LateFeeDailyRate"] = "0.001" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AreaManager_SwitchesTheBotOffInPrivate_OnlyHisGroupIsAffected()
    {
        var reply = await SayPrivatelyAsync("liuchunmei", "关闭机器人", "p-1");

        Assert.Contains("已暂停", reply.Text, StringComparison.Ordinal);
        var settings = _host.Services.GetRequiredService<GroupSettings>();
        Assert.False(await settings.IsBotOnAsync("grp-liulin"));
        Assert.True(await settings.IsBotOnAsync("grp-shimen"));
    }

    [Fact]
    public async Task Supervisor_CommandWithoutAnArea_IsAskedWhichGroupAndNothingChanges()
    {
        var reply = await SayPrivatelyAsync("sunlihong", "关闭机器人", "p-2");

        Assert.Contains("哪个群", reply.Text, StringComparison.Ordinal);
        Assert.Contains("grp-xingfuli", reply.Text, StringComparison.Ordinal);
        Assert.Contains("grp-shimen", reply.Text, StringComparison.Ordinal);
        Assert.True(await _host.Services.GetRequiredService<GroupSettings>().IsBotOnAsync("grp-xingfuli"));
    }

    [Fact]
    public async Task Supervisor_CommandWithAreaIdFirst_RunsInThatAreasGroup()
    {
        var reply = await SayPrivatelyAsync("sunlihong", "A03 关闭机器人", "p-3");

        Assert.Contains("已暂停", reply.Text, StringComparison.Ordinal);
        var settings = _host.Services.GetRequiredService<GroupSettings>();
        Assert.False(await settings.IsBotOnAsync("grp-shimen"));
        Assert.True(await settings.IsBotOnAsync("grp-xingfuli"));
    }

    [Fact]
    public async Task BoundCustomer_AsksInPrivate_GetsTheAnswerPrivately()
    {
        var reply = await SayPrivatelyAsync("u-ll-001", "电费在哪里交", "p-4");

        Assert.Contains("网上国网", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoundCustomer_AsksTheirBalance_EveryUnpaidPeriodListedWithDueDateAndLateFee()
    {
        // 金鹏 owes 193.89 for September and 130.49 for October (samples/bills.csv).
        var reply = await SayPrivatelyAsync("u-xfl-004", "我家电费欠多少", "p-7");

        Assert.Contains("2笔电费没交，共324.38元", reply.Text, StringComparison.Ordinal);
        Assert.Contains("2026年9月电费193.89元，缴费截止10月15日，已逾期", reply.Text, StringComparison.Ordinal);
        Assert.Contains("2026年10月电费130.49元，缴费截止11月15日", reply.Text, StringComparison.Ordinal);
        Assert.Contains("违约金已产生", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("没有查到", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BoundCustomer_Replies收到ToTheirDisconnectionNotice_ReceiptRecordedAndAcknowledged()
    {
        var receipts = _host.Services.GetRequiredService<GridService.Core.Billing.DisconnectionReceipts>();
        var noticed = DateTimeOffset.UtcNow.AddHours(-2);
        await receipts.AwaitAsync(new("3101000005", "2026-09", "A01", noticed, noticed.AddDays(7)));

        var reply = await SayPrivatelyAsync("u-xfl-004", "收到了", "p-8");

        Assert.Contains("已记录您收到了2026年9月电费的欠费停电通知", reply.Text, StringComparison.Ordinal);
        Assert.Contains("王建华", reply.Text, StringComparison.Ordinal);
        Assert.Equal("customer", (await receipts.GetAsync("3101000005"))?.ConfirmedBy);
        Assert.Null(await receipts.ConfirmAsync("3101000005", "customer")); // confirmed once
    }

    [Fact]
    public async Task BoundCustomer_TriesACommandInPrivate_IsRefusedInOneLine()
    {
        var reply = await SayPrivatelyAsync("u-ll-001", "关闭机器人", "p-5");

        Assert.Contains("没有权限", reply.Text, StringComparison.Ordinal);
        Assert.True(await _host.Services.GetRequiredService<GroupSettings>().IsBotOnAsync("grp-liulin"));
    }

    [Fact]
    public async Task Stranger_WritesInPrivate_IsToldToAskInTheirGroup()
    {
        var reply = await SayPrivatelyAsync("u-nobody", "电费在哪里交", "p-6");

        Assert.Equal(MessagePipeline.StrangerReply, reply.Text);
    }

    private async Task<TestHost.Line> SayPrivatelyAsync(string senderId, string text, string messageId)
    {
        var inbox = _host.Services.GetRequiredService<Inbox>();
        await inbox.EnqueueAsync(new InboundMessage(messageId, "simulator", "", senderId, senderId, text, MentionsBot: true, null, DateTimeOffset.UtcNow));
        return await _host.WaitForAsync("dm:" + senderId, l => l.ReplyTo == messageId);
    }
}
