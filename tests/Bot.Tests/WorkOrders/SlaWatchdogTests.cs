namespace GridService.Bot.Tests.WorkOrders;

public sealed class SlaWatchdogTests : IAsyncLifetime
{
    private WorkOrderHost _wo = null!;

    public async Task InitializeAsync() => _wo = await WorkOrderHost.StartAsync();

    public async Task DisposeAsync() => await _wo.DisposeAsync();

    [Fact]
    public async Task RepairNobodyTakesOn_ArrivalWarningThenEscalation()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "sla-r1");
        var id = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "sla-r1")).Text);

        await _wo.AdvanceAsync(TimeSpan.FromMinutes(31));
        var warning = await _wo.WaitDmAsync("wangjianhua", l => l.Text.StartsWith("【即将超时】", StringComparison.Ordinal));
        await _wo.AdvanceAsync(TimeSpan.FromMinutes(15));
        var escalation = await _wo.WaitDmAsync("sunlihong", l => l.Kind == "workorder-escalation");

        Assert.Contains(id, warning.Text, StringComparison.Ordinal);
        Assert.Contains("09:45", warning.Text, StringComparison.Ordinal);
        Assert.Contains("未在", escalation.Text, StringComparison.Ordinal);
        Assert.Contains("响应", escalation.Text, StringComparison.Ordinal);
        Assert.True((await _wo.OrderAsync(id)).GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task DeadlinePasses_WarningBreachSupervisorEscalationAndTheAskerToldWhy()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "sla-1");
        var id = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "sla-1")).Text);
        await _wo.SayAsync("wangjianhua", $"@小电 接单 {id}", "sla-acc");
        await _wo.WaitAsync(l => l.ReplyTo == "sla-acc");
        await _wo.SayAsync("wangjianhua", $"@小电 进展 {id} 抢修班已到现场，正在查找故障点", "sla-prog");
        await _wo.WaitAsync(l => l.Kind == "workorder-updated" && l.Text.Contains("故障点", StringComparison.Ordinal));

        // Urban repair: due 3 h 45 min after 09:00, warned 15 minutes before.
        await _wo.AdvanceAsync(TimeSpan.FromMinutes(3 * 60 + 31));
        var warning = await _wo.WaitDmAsync("wangjianhua", l => l.Text.StartsWith("【即将超时】", StringComparison.Ordinal));
        Assert.DoesNotContain(await _wo.Host.TranscriptAsync("dm:sunlihong"), l => l.Text.Contains(id, StringComparison.Ordinal));

        await _wo.AdvanceAsync(TimeSpan.FromMinutes(15));
        var escalation = await _wo.WaitDmAsync("sunlihong", l => l.Kind == "workorder-escalation");
        var told = await _wo.WaitAsync(l => l.Kind == "workorder-overdue" && l.ReplyTo == "sla-1");
        var order = await _wo.OrderAsync(id);

        Assert.Contains("12:45", warning.Text, StringComparison.Ordinal);
        Assert.Contains(id, escalation.Text, StringComparison.Ordinal);
        Assert.Contains("王建华", escalation.Text, StringComparison.Ordinal);
        Assert.Contains("没能在原定的11月23日(周一) 12:45前办结", told.Text, StringComparison.Ordinal);
        Assert.Contains("抢修班已到现场", told.Text, StringComparison.Ordinal);
        Assert.Contains("14:46", told.Text, StringComparison.Ordinal);
        Assert.True(order.GetProperty("overdue").GetBoolean());
        Assert.Contains(order.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "breached");

        // Each step once, however often the watchdog ran.
        await _wo.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Single(await _wo.TranscriptAsync(), l => l.Kind == "workorder-overdue");
        Assert.Single(await _wo.Host.TranscriptAsync("dm:sunlihong"), l => l.Kind == "workorder-escalation" && l.Text.Contains("办结", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResolvedAndNeverRated_ClosedAfterTheRatingWindow()
    {
        await _wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "ac-1");
        var id = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "ac-1")).Text);
        await _wo.SayAsync("wangjianhua", $"@小电 办结 {id} 已恢复供电", "ac-res");
        await _wo.WaitAsync(l => l.Kind == "workorder-resolved");

        await _wo.AdvanceAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));

        Assert.Equal("closed", (await _wo.OrderAsync(id)).GetProperty("status").GetString());
    }
}
