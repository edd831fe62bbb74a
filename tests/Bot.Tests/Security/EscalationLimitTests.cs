using GridService.Bot.Pipeline;
using GridService.Bot.Tests.WorkOrders;

namespace GridService.Bot.Tests.Security;

public sealed class EscalationLimitTests : IAsyncLifetime
{
    private WorkOrderHost _wo = null!;

    public async Task InitializeAsync() =>
        _wo = await WorkOrderHost.StartAsync(new Dictionary<string, string> { ["EscalationLimits:PerGroupPerHour"] = "1" });

    public async Task DisposeAsync() => await _wo.DisposeAsync();

    [Fact]
    public async Task GroupAtItsCap_ReportOfTheOpenOutageStillJoins_NewComplaintIsRefusedPolitely()
    {
        var said = await _wo.Host.SayAsync(WorkOrderHost.Group, "u-xfl-004", "@小电 我们楼整栋都停电了，快两个小时了", "cap-1");
        Assert.True(said.IsSuccessStatusCode, $"{said.StatusCode} {await said.Content.ReadAsStringAsync()}");
        var first = WorkOrderHost.OrderNumber((await _wo.WaitAsync(l => l.ReplyTo == "cap-1" && l.Kind == "workorder-created")).Text);

        await _wo.SayAsync("u-xfl-005", "@小电 我家也停电了，整栋楼都黑了", "cap-2");
        await _wo.SayAsync("u-xfl-006", "@小电 你们抄表员态度太差了，我要投诉", "cap-3");

        var joined = await _wo.WaitAsync(l => l.ReplyTo == "cap-2" && l.Kind == "workorder-created");
        var refused = await _wo.WaitAsync(l => l.ReplyTo == "cap-3");
        Assert.Equal(first, WorkOrderHost.OrderNumber(joined.Text));
        Assert.Equal((BotBrain.LimitReply, "escalation-limited"), (refused.Text, refused.Kind));
        Assert.Single(await _wo.OrdersAsync());
    }
}
