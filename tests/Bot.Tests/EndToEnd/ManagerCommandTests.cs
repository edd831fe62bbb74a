namespace GridService.Bot.Tests.EndToEnd;

public sealed class ManagerCommandTests : IAsyncLifetime
{
    private GridHost _host = null!;

    public async Task InitializeAsync() => _host = await GridHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PlannedOutageCommand_FromAreaManager_ReachesTheGroupFromTheTemplate()
    {
        await _host.SayAsync("grp-xingfuli", "wangjianhua", "@小电 停电通知 12月3日 08:00-12:00 幸福里1-5号楼 更换变压器", "cmd-1");

        var notice = await _host.WaitForAsync("grp-xingfuli", l => l.Kind == "planned-outage");

        Assert.StartsWith("【计划停电通知】", notice.Text, StringComparison.Ordinal);
        Assert.Contains("幸福里1-5号楼", notice.Text, StringComparison.Ordinal);
        Assert.Contains("更换变压器", notice.Text, StringComparison.Ordinal);
        Assert.Contains("08:00", notice.Text, StringComparison.Ordinal);
        Assert.Contains("王建华", notice.Text, StringComparison.Ordinal);
        var ack = await _host.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "cmd-1");
        Assert.Contains("已发布", ack.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlannedOutageCommand_FromCustomer_IsRefusedWithOneLineAndNothingIsBroadcast()
    {
        await _host.SayAsync("grp-liulin", "u-ll-002", "@小电 停电通知 12月3日 08:00-12:00 全村 检修", "cmd-2");

        var refusal = await _host.WaitForAsync("grp-liulin", l => l.ReplyTo == "cmd-2");
        await Task.Delay(500);

        Assert.Contains("没有权限", refusal.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal.Text);
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-liulin"), l => l.Kind == "planned-outage");
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
        await Task.Delay(500); // messages of a group may be handled in parallel: let q-off go first
        await _host.SayAsync("grp-shimen", "zhaodeming", "@小电 开启机器人", "on-1");
        await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "on-1");
        await _host.SayAsync("grp-shimen", "u-sm-002", "@小电 怎么交电费", "q-on");

        await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "q-on");
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-shimen"), l => l.ReplyTo == "q-off");
    }
}
