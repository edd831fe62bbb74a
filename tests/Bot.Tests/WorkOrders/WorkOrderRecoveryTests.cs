using System.Net.Http.Json;
using GridService.Bot.Pipeline;
using GridService.Core.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Tests.WorkOrders;

public sealed class WorkOrderRecoveryTests
{
    [Fact]
    public async Task SameReportHandledTwice_AsAfterACrashBeforeTheAck_OneOrderOneReplyOnePage()
    {
        await using var wo = await WorkOrderHost.StartAsync(new Dictionary<string, string> { ["Queues:Inbound:Concurrency"] = "0" });
        var pipeline = wo.Host.Services.GetRequiredService<MessagePipeline>();
        var message = new InboundMessage("crash-1", "bridge", WorkOrderHost.Group, "u-xfl-004", "金鹏", "@小电 电线断了掉在地上，还在冒火花",
            MentionsBot: true, null, wo.Clock.GetUtcNow());

        // The first run stands for a worker that got as far as replying and died before acknowledging; the
        // reclaimed message runs again in full.
        await pipeline.HandleAsync(message, CancellationToken.None);
        await pipeline.HandleAsync(message, CancellationToken.None);

        var created = await wo.WaitAsync(l => l.ReplyTo == "crash-1" && l.Kind == "workorder-created");
        await wo.SettleAsync();
        Assert.Single(await wo.TranscriptAsync(), l => l.ReplyTo == "crash-1" && l.Kind == "workorder-created");
        Assert.Single(await wo.TranscriptAsync(), l => l.ReplyTo == "crash-1" && l.Kind == "safety");
        Assert.Single(await wo.Host.TranscriptAsync("dm:wangjianhua"), l => l.Kind == "workorder-manager-alert");
        Assert.Single(await wo.OrdersAsync());
        Assert.Single((await wo.OrderAsync(WorkOrderHost.OrderNumber(created.Text))).GetProperty("askers").EnumerateArray());
    }

    [Fact]
    public async Task Restart_OrdersAndNumbersSurvive()
    {
        var data = Path.Combine(Path.GetTempPath(), "gridservice-wo-" + Guid.NewGuid().ToString("N")[..8]);
        var prefix = "wo-" + Guid.NewGuid().ToString("N")[..6];
        var settings = new Dictionary<string, string> { ["Store:KeyPrefix"] = prefix, ["Admin:Token"] = WorkOrderHost.Token };
        string first;
        await using (var host = await TestHost.StartAsync(settings, dataDirectory: data))
        {
            await host.SayAsync("grp-liulin", "u-ll-001", "@小电 村里都停电了，一上午了", "rs-1");
            first = WorkOrderHost.OrderNumber((await host.WaitForAsync("grp-liulin", l => l.ReplyTo == "rs-1")).Text);
        }

        await using var again = await TestHost.StartAsync(settings, dataDirectory: data);
        again.Http.DefaultRequestHeaders.Authorization = new("Bearer", WorkOrderHost.Token);
        await again.SayAsync("grp-liulin", "u-ll-002", "@小电 你们工作人员态度太差，我要投诉", "rs-2");
        var second = WorkOrderHost.OrderNumber((await again.WaitForAsync("grp-liulin", l => l.ReplyTo == "rs-2")).Text);

        Assert.Equal("open", (await again.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/workorders/{first}")).GetProperty("status").GetString());
        Assert.Equal(int.Parse(first[^4..], System.Globalization.CultureInfo.InvariantCulture) + 1,
            int.Parse(second[^4..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task BadDeadlineConfiguration_StopsStartUpNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string>
        {
            ["WorkOrders:Repair:Urban:WarnBefore"] = "05:00:00",
        }));

        Assert.Contains("WorkOrders:Repair:Urban:WarnBefore", error.Message, StringComparison.Ordinal);
    }
}
