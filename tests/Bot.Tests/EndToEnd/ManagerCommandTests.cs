namespace GridService.Bot.Tests.EndToEnd;

public sealed class ManagerCommandTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PlannedOutageCommand_FromAreaManager_PreviewsPrivatelyThenConfirmReachesTheGroup()
    {
        await _host.SayAsync("grp-xingfuli", "wangjianhua", "@小电 停电通知 后天 08:00-12:00 幸福里1-5号楼 更换变压器", "cmd-1");

        var preview = await _host.WaitForAsync("dm:wangjianhua", l => l.ReplyTo == "cmd-1");
        Assert.Contains("【计划停电通知】", preview.Text, StringComparison.Ordinal);
        Assert.Contains("幸福里1-5号楼", preview.Text, StringComparison.Ordinal);
        Assert.Contains("确认", preview.Text, StringComparison.Ordinal);
        await _host.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "cmd-1");
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-xingfuli"), l => l.Kind == "planned-outage");

        await _host.SayAsync("grp-xingfuli", "wangjianhua", "@小电 确认", "ok-1");

        var notice = await _host.WaitForAsync("grp-xingfuli", l => l.Kind == "planned-outage");
        Assert.StartsWith("【计划停电通知】", notice.Text, StringComparison.Ordinal);
        Assert.Contains("幸福里1-5号楼", notice.Text, StringComparison.Ordinal);
        Assert.Contains("更换变压器", notice.Text, StringComparison.Ordinal);
        Assert.Contains("08:00", notice.Text, StringComparison.Ordinal);
        Assert.Contains("王建华", notice.Text, StringComparison.Ordinal);
        var ack = await _host.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "ok-1");
        Assert.Contains("已发布", ack.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlannedOutageCommand_ThenCancel_NothingIsBroadcastAndConfirmFindsNoDraft()
    {
        await _host.SayAsync("grp-shimen", "zhaodeming", "@小电 停电通知 明天 09:00-11:00 石门村三组 更换电杆", "cmd-3");
        await _host.WaitForAsync("dm:zhaodeming", l => l.ReplyTo == "cmd-3");

        await _host.SayAsync("grp-shimen", "zhaodeming", "@小电 取消", "no-3");
        var dropped = await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "no-3");
        await _host.SayAsync("grp-shimen", "zhaodeming", "@小电 确认", "ok-3");
        var nothing = await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "ok-3");

        Assert.Contains("已取消", dropped.Text, StringComparison.Ordinal);
        Assert.Contains("没有待确认", nothing.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-shimen"), l => l.Text.Contains("石门村三组", StringComparison.Ordinal) && l.Direction == "out");
    }

    [Fact]
    public async Task PlannedOutageCommand_FromCustomer_IsRefusedWithOneLineAndNothingIsBroadcast()
    {
        await _host.SayAsync("grp-liulin", "u-ll-002", "@小电 停电通知 后天 08:00-12:00 全村 检修", "cmd-2");

        var refusal = await _host.WaitForAsync("grp-liulin", l => l.ReplyTo == "cmd-2");
        await _host.SettleAsync();

        Assert.Contains("没有权限", refusal.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal.Text);
        // The sample county's own planned outage in this area may be announced by the schedule; this one must not be.
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-liulin"), l => l.Kind == "planned-outage" && l.Text.Contains("全村", StringComparison.Ordinal));
        Assert.Empty(await _host.TranscriptAsync("dm:u-ll-002"));
    }

    [Fact]
    public async Task Help_FromManager_ListsTheCommands()
    {
        await _host.SayAsync("grp-shimen", "zhaodeming", "@小电 帮助", "help-1");

        var help = await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "help-1");

        Assert.Contains("停电通知", help.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadOutageCommand_FromManager_TellsWhatIsWrong()
    {
        await _host.SayAsync("grp-shimen", "zhaodeming", "@小电 停电通知 13月40日 08:00-12:00 全村 检修", "bad-1");

        var reply = await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "bad-1");

        Assert.Contains("日期", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchBotOff_ThenCustomerAsks_BotStaysQuietUntilSwitchedOn()
    {
        await _host.SayAsync("grp-shimen", "zhaodeming", "@小电 关闭机器人", "off-1");
        await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "off-1");
        await _host.SayAsync("grp-shimen", "u-sm-002", "@小电 怎么交电费", "q-off");
        await _host.SettleAsync(); // messages of a group may be handled in parallel: let q-off go first
        await _host.SayAsync("grp-shimen", "zhaodeming", "@小电 开启机器人", "on-1");
        await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "on-1");
        await _host.SayAsync("grp-shimen", "u-sm-002", "@小电 怎么交电费", "q-on");

        await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "q-on");
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-shimen"), l => l.ReplyTo == "q-off");
    }
}
