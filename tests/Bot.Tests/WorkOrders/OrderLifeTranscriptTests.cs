using System.Globalization;
using Xunit.Abstractions;

namespace GridService.Bot.Tests.WorkOrders;

/// <summary>One order's whole life as the group (and the staff) saw it; the transcript is printed for the docs.</summary>
public sealed class OrderLifeTranscriptTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OutageOrder_FromReportToRating_TheGroupSeesEveryStep()
    {
        await using var wo = await WorkOrderHost.StartAsync();
        await wo.SayAsync("u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "life-1");
        var id = WorkOrderHost.OrderNumber((await wo.WaitAsync(l => l.ReplyTo == "life-1")).Text);
        await wo.AdvanceAsync(TimeSpan.FromMinutes(3));
        await wo.SayAsync("u-xfl-005", "@小电 5号楼也停电了，整栋楼都黑了，电话15000000011", "life-2");
        await wo.WaitAsync(l => l.ReplyTo == "life-2");
        await wo.AdvanceAsync(TimeSpan.FromMinutes(5));
        await wo.SayAsync("wangjianhua", $"@小电 接单 {id[^4..]}", "life-3");
        await wo.WaitAsync(l => l.ReplyTo == "life-3");
        await wo.AdvanceAsync(TimeSpan.FromMinutes(40));
        await wo.SayAsync("wangjianhua", $"@小电 进展 {id[^4..]} 抢修班已到现场，初步判断是2号台区低压电缆接头烧坏", "life-4");
        await wo.WaitAsync(l => l.Kind == "workorder-updated" && l.Text.Contains("电缆接头", StringComparison.Ordinal));
        await wo.AdvanceAsync(TimeSpan.FromMinutes(2 * 60 + 43));
        await wo.WaitDmAsync("wangjianhua", l => l.Text.StartsWith("【即将超时】", StringComparison.Ordinal));
        await wo.AdvanceAsync(TimeSpan.FromMinutes(15));
        await wo.WaitAsync(l => l.Kind == "workorder-overdue");
        await wo.AdvanceAsync(TimeSpan.FromMinutes(50));
        await wo.SayAsync("wangjianhua", $"@小电 办结 {id[^4..]} 已更换烧坏的电缆接头，全部恢复供电", "life-5");
        await wo.WaitAsync(l => l.Kind == "workorder-resolved" && l.ReplyTo == "life-1");
        await wo.AdvanceAsync(TimeSpan.FromMinutes(10));
        await wo.SayAsync("u-xfl-004", "满意", "life-6", mention: false);
        await wo.SayAsync("u-xfl-005", "满意，辛苦了", "life-7", mention: false);
        await wo.WaitAsync(l => l.ReplyTo == "life-7");
        await wo.SettleAsync();

        Print("群：幸福里社区用电服务群 (grp-xingfuli)", await wo.TranscriptAsync());
        Print("片区经理 王建华 私信 (dm:wangjianhua)", await wo.Host.TranscriptAsync("dm:wangjianhua"));
        Print("主管 孙丽红 私信 (dm:sunlihong)", await wo.Host.TranscriptAsync("dm:sunlihong"));
        var order = await wo.OrderAsync(id);
        output.WriteLine($"== 工单 {id} 时间线");
        foreach (var e in order.GetProperty("timeline").EnumerateArray())
        {
            output.WriteLine($"{Local(e.GetProperty("at").GetDateTimeOffset())}  {e.GetProperty("kind").GetString(),-16} {e.GetProperty("text").GetString()}");
        }

        Assert.Equal("closed", order.GetProperty("status").GetString());
        var lines = await wo.TranscriptAsync();
        Assert.DoesNotContain(lines, l => l.Direction == "out" && l.Text.Contains("15000000011", StringComparison.Ordinal));
        // One post per event, naming both reporters, however many reported it.
        Assert.Single(lines, l => l.Kind == "workorder-resolved");
        Assert.Equal(2, lines.Count(l => l.Kind == "workorder-updated")); // accepted, progress
        Assert.Single(lines, l => l.Kind == "workorder-overdue");
        Assert.All(lines.Where(l => l.Kind is "workorder-updated" or "workorder-resolved" or "workorder-overdue"),
            l => Assert.StartsWith("金*、陆*您好", l.Text, StringComparison.Ordinal));
    }

    private static string Local(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    private void Print(string title, IReadOnlyList<TestHost.Line> lines)
    {
        output.WriteLine($"== {title}");
        foreach (var l in lines)
        {
            var who = l.Direction == "in" ? l.SenderId : "小电(bot)";
            var re = l.ReplyTo is { } r && l.Direction == "out" ? $" ↩{r}" : "";
            output.WriteLine($"[{Local(l.At)}] {who}{re} ({l.Kind}):");
            foreach (var line in l.Text.Split('\n')) output.WriteLine("    " + line);
        }

        output.WriteLine("");
    }
}
