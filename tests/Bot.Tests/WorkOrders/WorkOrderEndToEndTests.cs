namespace GridService.Bot.Tests.WorkOrders;

public sealed class WorkOrderEndToEndTests : IAsyncLifetime
{
    private WorkOrderHost _wo = null!;

    public async Task InitializeAsync() => _wo = await WorkOrderHost.StartAsync();

    public async Task DisposeAsync() => await _wo.DisposeAsync();

    [Fact]
    public async Task HazardReport_OpensUrgentRepairOrder_SafetyReplyFirstAndManagerPaged()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 电线杆上的线掉下来了还冒火花", "hz-1");

        var safety = await _wo.WaitAsync(l => l.ReplyTo == "hz-1" && l.Kind == "safety");
        var created = await _wo.WaitAsync(l => l.ReplyTo == "hz-1" && l.Kind == "workorder-created");
        var id = WorkOrderHost.OrderNumber(created.Text);
        var page = await _wo.WaitDmAsync("wangjianhua", l => l.Text.Contains(id, StringComparison.Ordinal));
        var order = await _wo.OrderAsync(id);

        Assert.Contains("远离", safety.Text, StringComparison.Ordinal);
        Assert.True(safety.Seq < created.Seq);
        Assert.StartsWith("GD20261123-", id, StringComparison.Ordinal);
        Assert.Contains("金*", created.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("15800000010", created.Text, StringComparison.Ordinal);
        Assert.Contains("故障报修", created.Text, StringComparison.Ordinal);
        Assert.Contains("【新工单】", page.Text, StringComparison.Ordinal);
        Assert.Equal("urgent", order.GetProperty("priority").GetString());
        Assert.Equal("repair", order.GetProperty("type").GetString());
        Assert.Equal("wangjianhua", order.GetProperty("ownerId").GetString());
    }

    [Fact]
    public async Task ThreeNeighboursReportTheSameOutage_OneOrderEachToldItsNumberManagerPagedOnce()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "out-1");
        var first = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "out-1")).Text);
        await _wo.SayAsync("u-xfl-005", "@小电 我家也停电了，整栋楼都黑了", "out-2");
        await _wo.SayAsync("u-xfl-006", "@小电 我们这片都没电了，一个多小时了", "out-3");

        var second = await _wo.WaitAsync(l => l.ReplyTo == "out-2");
        var third = await _wo.WaitAsync(l => l.ReplyTo == "out-3");
        await _wo.SettleAsync();
        var pages = (await _wo.Host.TranscriptAsync("dm:wangjianhua")).Where(l => l.Kind == "workorder-manager-alert").ToList();
        var order = await _wo.OrderAsync(first);

        Assert.Equal(first, WorkOrderHost.OrderNumber(second.Text));
        Assert.Equal(first, WorkOrderHost.OrderNumber(third.Text));
        Assert.Single(pages);
        Assert.Equal(3, order.GetProperty("askers").GetArrayLength());
        Assert.Single(await _wo.OrdersAsync("?status=open&area=A01"));
    }

    [Fact]
    public async Task ManagerResolves_OnePostNamingEveryReporterQuotesTheReportAndAsksForARating_RatingsAreRecorded()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "res-1");
        var id = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "res-1")).Text);
        await _wo.SayAsync("u-xfl-005", "@小电 3号楼整栋都停电了", "res-2");
        await _wo.WaitAsync(l => l.ReplyTo == "res-2");

        await _wo.SayAsync("wangjianhua", $"@小电 办结 {id[^4..]} 10kV城关线跌落保险熔断，已更换，全部恢复供电", "res-cmd");

        var ack = await _wo.WaitAsync(l => l.ReplyTo == "res-cmd");
        var resolved = await _wo.WaitAsync(l => l.Kind == "workorder-resolved");
        Assert.Contains("已办结", ack.Text, StringComparison.Ordinal);
        Assert.Equal("res-1", resolved.ReplyTo); // a quote-reply to the first report
        Assert.StartsWith("金*、陆*您好", resolved.Text, StringComparison.Ordinal);
        Assert.Contains("「我们楼整栋都停电了，快两个小时了」", resolved.Text, StringComparison.Ordinal);
        Assert.Contains("跌落保险熔断", resolved.Text, StringComparison.Ordinal);
        Assert.Contains("满意", resolved.Text, StringComparison.Ordinal);

        await _wo.SayAsync("u-xfl-004", "满意", "rate-1", mention: false);
        await _wo.SayAsync("u-xfl-005", "很满意，谢谢", "rate-2", mention: false);

        await _wo.WaitAsync(l => l.ReplyTo == "rate-1" && l.Text.Contains("感谢", StringComparison.Ordinal));
        await _wo.WaitAsync(l => l.ReplyTo == "rate-2");
        var order = await _wo.OrderAsync(id);
        Assert.Equal("closed", order.GetProperty("status").GetString());
        Assert.All(order.GetProperty("askers").EnumerateArray(), a => Assert.True(a.GetProperty("satisfied").GetBoolean()));
        Assert.Single(await _wo.TranscriptAsync(), l => l.Kind == "workorder-resolved");
    }

    [Fact]
    public async Task SatisfiedAfterANeighboursDissatisfiedReopenedTheOrder_StillRecordedAndAnswered()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了", "ro-1");
        var id = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "ro-1")).Text);
        await _wo.SayAsync("u-xfl-005", "@小电 3号楼整栋都停电了", "ro-2");
        await _wo.WaitAsync(l => l.ReplyTo == "ro-2");
        await _wo.SayAsync("wangjianhua", $"@小电 办结 {id[^4..]} 已更换熔断的跌落保险", "ro-cmd");
        await _wo.WaitAsync(l => l.Kind == "workorder-resolved");

        await _wo.SayAsync("u-xfl-004", "不满意，还是没电", "ro-bad", mention: false);
        await _wo.WaitAsync(l => l.ReplyTo == "ro-bad");
        await _wo.SayAsync("u-xfl-005", "满意", "ro-good", mention: false);

        var answer = await _wo.WaitAsync(l => l.ReplyTo == "ro-good");
        Assert.Contains("感谢您的评价", answer.Text, StringComparison.Ordinal);
        Assert.Contains("重新处理", answer.Text, StringComparison.Ordinal);
        var order = await _wo.OrderAsync(id);
        Assert.Equal("accepted", order.GetProperty("status").GetString());
        var askers = order.GetProperty("askers").EnumerateArray().ToList();
        Assert.False(askers[0].GetProperty("satisfied").GetBoolean());
        Assert.True(askers[1].GetProperty("satisfied").GetBoolean());
    }

    [Fact]
    public async Task Dissatisfied_ReopensTheOrderAndPagesTheOwner()
    {
        await _wo.SayAsync("u-xfl-007", "@小电 你们抄表员态度太差了，我要投诉", "cp-1");
        var id = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "cp-1")).Text);
        await _wo.SayAsync("wangjianhua", $"@小电 办结 {id} 已向抄表员核实并批评教育，已电话向您致歉", "cp-res");
        await _wo.WaitAsync(l => l.Kind == "workorder-resolved");

        await _wo.SayAsync("u-xfl-007", "不满意，没人给我打电话", "cp-rate", mention: false);

        var reply = await _wo.WaitAsync(l => l.ReplyTo == "cp-rate");
        await _wo.WaitDmAsync("wangjianhua", l => l.Kind == "workorder-reopened");
        Assert.Contains("重新处理", reply.Text, StringComparison.Ordinal);
        Assert.Equal("accepted", (await _wo.OrderAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task CustomerTriesAManagerCommand_RefusedInOneLineAndNothingChanges()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "cu-1");
        var id = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "cu-1")).Text);

        await _wo.SayAsync("u-xfl-005", $"@小电 办结 {id} 已经修好了", "cu-cmd");
        await _wo.SayAsync("u-xfl-005", "@小电 交班 陈晓雨", "cu-cmd2");

        var refusal = await _wo.WaitAsync(l => l.ReplyTo == "cu-cmd");
        await _wo.WaitAsync(l => l.ReplyTo == "cu-cmd2");
        await _wo.SettleAsync();
        Assert.Contains("没有权限", refusal.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal.Text);
        Assert.DoesNotContain(await _wo.TranscriptAsync(), l => l.Kind == "workorder-resolved");
        var order = await _wo.OrderAsync(id);
        Assert.Equal("open", order.GetProperty("status").GetString());
        Assert.Equal("wangjianhua", order.GetProperty("ownerId").GetString());
    }

    [Fact]
    public async Task Handover_MovesTheManagersOpenOrdersToTheNextOnDuty()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "ho-1");
        var outage = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "ho-1")).Text);
        await _wo.SayAsync("u-xfl-008", "@小电 你们的工作人员态度太差了，我要投诉", "ho-2");
        var complaint = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "ho-2")).Text);

        await _wo.SayAsync("wangjianhua", "@小电 交班", "ho-cmd");

        var ack = await _wo.WaitAsync(l => l.ReplyTo == "ho-cmd");
        var note = await _wo.WaitDmAsync("chenxiaoyu", l => l.Kind == "workorder-handover");
        Assert.Contains("陈晓雨", ack.Text, StringComparison.Ordinal);
        Assert.Contains(outage, note.Text, StringComparison.Ordinal);
        Assert.Contains(complaint, note.Text, StringComparison.Ordinal);
        Assert.Equal("chenxiaoyu", (await _wo.OrderAsync(outage)).GetProperty("ownerId").GetString());
        Assert.Equal("chenxiaoyu", (await _wo.OrderAsync(complaint)).GetProperty("ownerId").GetString());

        // The next report goes to the manager now on duty.
        await _wo.SayAsync("u-xfl-009", "@小电 电线断了掉在地上，还在冒火花", "ho-3");
        var next = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "ho-3" && l.Kind == "workorder-created")).Text);
        Assert.Equal("chenxiaoyu", (await _wo.OrderAsync(next)).GetProperty("ownerId").GetString());
    }

    [Fact]
    public async Task PrivateCommandFromStaff_ListsOpenOrders_PrivateFromCustomerRefused()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "pv-1");
        var id = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "pv-1")).Text);

        await _wo.SayPrivatelyAsync("wangjianhua", "工单", "pv-cmd");
        await _wo.SayPrivatelyAsync("u-xfl-004", "工单", "pv-cu");

        var list = await _wo.WaitDmAsync("wangjianhua", l => l.ReplyTo == "pv-cmd");
        var refusal = await _wo.WaitDmAsync("u-xfl-004", l => l.ReplyTo == "pv-cu");
        Assert.Contains(id, list.Text, StringComparison.Ordinal);
        Assert.Equal(GridService.Bot.Commands.CommandHandler.Refusal, refusal.Text);
        Assert.DoesNotContain(id, refusal.Text, StringComparison.Ordinal);
    }
}
