using GridService.Bot.Commands;
using GridService.Bot.Pipeline;
using GridService.Bot.Tests.WorkOrders;

namespace GridService.Bot.Tests.Security;

/// <summary>The findings of issue 9 about who may command a group, hazards and floods, reproduced against the real host.</summary>
public sealed class RosterAndHazardTests : IAsyncLifetime
{
    private WorkOrderHost _wo = null!;

    public async Task InitializeAsync() => _wo = await WorkOrderHost.StartAsync();

    public async Task DisposeAsync() => await _wo.DisposeAsync();

    private async Task<IReadOnlyList<TestHost.Line>> PagesAsync(string staffId) =>
        [.. (await _wo.Host.TranscriptAsync("dm:" + staffId)).Where(l => l.Kind == "workorder-manager-alert")];

    [Fact]
    public async Task OtherAreasManager_SwitchesOffAndPublishesInAnotherGroup_RefusedAndNothingChanges()
    {
        // A02's manager in A01's group: the attack of the issue.
        await _wo.SayAsync("liuchunmei", "@小电 关闭机器人", "x-off");
        await _wo.SayAsync("liuchunmei", "@小电 停电通知 后天 08:00-12:00 幸福里全部 检修", "x-notice");
        await _wo.SayAsync("liuchunmei", "@小电 确认", "x-ok");

        var off = await _wo.WaitAsync(l => l.ReplyTo == "x-off");
        var notice = await _wo.WaitAsync(l => l.ReplyTo == "x-notice");
        var ok = await _wo.WaitAsync(l => l.ReplyTo == "x-ok");
        await _wo.SayAsync("u-xfl-006", "@小电 电费在哪里交", "still-on");

        await _wo.WaitAsync(l => l.ReplyTo == "still-on" && l.Kind == "answer");
        Assert.All([off, notice, ok], l => Assert.Equal(CommandHandler.NotYourGroup, l.Text));
        Assert.Empty(await _wo.Host.TranscriptAsync("dm:liuchunmei"));
        Assert.DoesNotContain(await _wo.TranscriptAsync(), l => l.Kind == "planned-outage");
    }

    [Fact]
    public async Task AreaSupervisor_CommandsTheGroup_IsOnTheRoster()
    {
        await _wo.SayAsync("sunlihong", "@小电 帮助", "sup-help");

        var help = await _wo.WaitAsync(l => l.ReplyTo == "sup-help");

        Assert.Contains("停电通知", help.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderList_InTheGroup_GoesPrivatelyWithOneShortLineInTheGroup()
    {
        await _wo.SayAsync("u-xfl-007", "@小电 你们抄表员态度太差了，我要投诉，电话138 1234 5678", "cp-1");
        await _wo.WaitAsync(l => l.ReplyTo == "cp-1" && l.Kind == "workorder-created");

        await _wo.SayAsync("wangjianhua", "@小电 工单", "list-1");

        var inGroup = await _wo.WaitAsync(l => l.ReplyTo == "list-1");
        var list = await _wo.WaitDmAsync("wangjianhua", l => l.ReplyTo == "list-1");
        Assert.DoesNotContain('\n', inGroup.Text);
        Assert.DoesNotContain("GD2026", inGroup.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("投诉", inGroup.Text, StringComparison.Ordinal);
        Assert.Contains("抄表员", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await _wo.TranscriptAsync(), l => l.Direction == "out" && l.Text.Contains("抄表员", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Hazard_WithoutTheMention_GetsSafetyReplyUrgentOrderAndPage()
    {
        await _wo.SayAsync("u-xfl-006", "2号楼楼道的电箱冒烟了，一股焦糊味", "hz-quiet", mention: false);

        var safety = await _wo.WaitAsync(l => l.ReplyTo == "hz-quiet" && l.Kind == "safety");
        var created = await _wo.WaitAsync(l => l.ReplyTo == "hz-quiet" && l.Kind == "workorder-created");
        var id = WorkOrderHost.OrderNumber(created.Text);
        var page = await _wo.WaitDmAsync("wangjianhua", l => l.Text.Contains(id, StringComparison.Ordinal));

        Assert.Contains("远离", safety.Text, StringComparison.Ordinal);
        Assert.StartsWith("【紧急】", page.Text, StringComparison.Ordinal);
        Assert.Contains("45分钟（城区）内到达现场", page.Text, StringComparison.Ordinal);
        Assert.Contains("地点：2号楼", page.Text, StringComparison.Ordinal);
        Assert.Contains("联系报告人", page.Text, StringComparison.Ordinal);
        Assert.Contains("u-xfl-006", page.Text, StringComparison.Ordinal);
        Assert.Equal("urgent", (await _wo.OrderAsync(id)).GetProperty("priority").GetString());
    }

    [Fact]
    public async Task Hazard_WithTheBotSwitchedOff_IsStillHandledWhileQuestionsAreNot()
    {
        await _wo.SayAsync("zhaodeming", "@小电 关闭机器人", "off-1", group: "grp-shimen");
        await _wo.WaitAsync(l => l.ReplyTo == "off-1", "grp-shimen");

        await _wo.SayAsync("u-sm-002", "@小电 怎么交电费", "q-off", group: "grp-shimen");
        await _wo.SayAsync("u-sm-002", "@小电 村口那根电线杆倒了，线压在路上", "hz-off", group: "grp-shimen");

        await _wo.WaitAsync(l => l.ReplyTo == "hz-off" && l.Kind == "safety", "grp-shimen");
        var created = await _wo.WaitAsync(l => l.ReplyTo == "hz-off" && l.Kind == "workorder-created", "grp-shimen");
        var page = await _wo.WaitDmAsync("zhaodeming", l => l.Text.Contains(WorkOrderHost.OrderNumber(created.Text), StringComparison.Ordinal));
        Assert.Contains("2小时（偏远地区）", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await _wo.TranscriptAsync("grp-shimen"), l => l.ReplyTo == "q-off");
    }

    [Fact]
    public async Task Staff_TalkingAboutAHazardWithoutTheMention_OpensNothing()
    {
        await _wo.SayAsync("chenxiaoyu", "3号楼电线冒火花那个我们已经在处理了", "staff-talk", mention: false);
        await _wo.SayAsync("u-xfl-006", "@小电 电费在哪里交", "after-talk");

        await _wo.WaitAsync(l => l.ReplyTo == "after-talk");
        await Task.Delay(300);
        Assert.DoesNotContain(await _wo.TranscriptAsync(), l => l.ReplyTo == "staff-talk");
        Assert.Empty(await _wo.OrdersAsync());
    }

    [Fact]
    public async Task TwoHazardsAtTwoPlaces_TwoOrdersAndTwoPages_SamePlaceAgainJoins()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 3号楼门口电线掉下来了还在冒火花", "hz-a");
        var first = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "hz-a" && l.Kind == "workorder-created")).Text);
        await _wo.SayAsync("u-xfl-005", "@小电 5号楼后面的电线断了掉在地上，还在冒火花", "hz-b");
        var second = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "hz-b" && l.Kind == "workorder-created")).Text);
        await _wo.SayAsync("u-xfl-008", "三号楼那边电线掉地上了，一直在打火", "hz-c", mention: false);
        var third = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "hz-c" && l.Kind == "workorder-created")).Text);
        await Task.Delay(500);

        var pages = await PagesAsync("wangjianhua");
        Assert.NotEqual(first, second);
        Assert.Equal(first, third);
        Assert.Equal(2, pages.Count);
        Assert.Single(pages, p => p.Text.Contains(first, StringComparison.Ordinal) && p.Text.Contains("3号楼", StringComparison.Ordinal));
        Assert.Single(pages, p => p.Text.Contains(second, StringComparison.Ordinal) && p.Text.Contains("5号楼", StringComparison.Ordinal));
        Assert.All(pages, p => Assert.StartsWith("【紧急】", p.Text, StringComparison.Ordinal));
        Assert.Equal(2, (await _wo.OrderAsync(first)).GetProperty("askers").GetArrayLength());
    }

    [Fact]
    public async Task FifteenMessagesFromAnUnknownSender_OrdersAndPagesBounded_OnePoliteLineOneManagerLine()
    {
        for (var i = 0; i < 15; i++)
        {
            await _wo.SayAsync("stranger-1", $"@小电 你们服务太差了我要投诉，第{i}次", $"flood-{i}");
        }

        await _wo.SayAsync("u-xfl-006", "@小电 电费在哪里交", "after-flood");
        await _wo.WaitAsync(l => l.ReplyTo == "after-flood");
        await Task.Delay(1500);

        var lines = await _wo.TranscriptAsync();
        var created = lines.Count(l => l.Kind == "workorder-created" && (l.ReplyTo?.StartsWith("flood-", StringComparison.Ordinal) ?? false));
        var limited = lines.Where(l => l.Kind == "escalation-limited").ToList();
        var manager = await _wo.Host.TranscriptAsync("dm:wangjianhua");
        Assert.Equal(3, created);
        Assert.Equal(3, (await _wo.OrdersAsync()).Length);
        Assert.Equal(3, manager.Count(l => l.Kind == "workorder-manager-alert"));
        Assert.Equal(BotBrain.LimitReply, Assert.Single(limited).Text);
        Assert.Contains("上限", Assert.Single(manager, l => l.Kind == "workorder-limit").Text, StringComparison.Ordinal);
        Assert.Equal(3 + 1, lines.Count(l => l.Direction == "out" && (l.ReplyTo?.StartsWith("flood-", StringComparison.Ordinal) ?? false)));
    }

    [Fact]
    public async Task Resolved_QuotesTheQuestionWithEveryNumberFormatMasked()
    {
        var said = await _wo.Host.SayAsync(WorkOrderHost.Group, "u-xfl-007", "@小电 你们抄表员态度太差了，我要投诉，电话１３８ １２３４ ５６７８，备用138-1234-9999，身份证11010119900307123X", "mk-1");
        Assert.True(said.IsSuccessStatusCode, await said.Content.ReadAsStringAsync());
        var id = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "mk-1" && l.Kind == "workorder-created")).Text);

        await _wo.SayAsync("wangjianhua", $"@小电 办结 {id} 已换表，有问题打我 139.0000.1111", "mk-res");

        var resolved = await _wo.WaitAsync(l => l.Kind == "workorder-resolved" && l.ReplyTo == "mk-1");
        var order = await _wo.OrderAsync(id);
        Assert.Contains("138****5678", resolved.Text, StringComparison.Ordinal);
        Assert.Contains("138****9999", resolved.Text, StringComparison.Ordinal);
        Assert.Contains("139****1111", resolved.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", resolved.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("19900307", resolved.Text, StringComparison.Ordinal);
        // The order keeps what staff need to reach the reporter.
        Assert.Contains("１３８ １２３４ ５６７８", order.GetProperty("askers")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}
