using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridService.Core.Chat;
using GridService.Core.Grid;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.Copilot;

/// <summary>
/// Staff on WeCom: the staff channel is the self-built app (a local fake WeCom), so pages and relayed news reach
/// managers there; 柳林's group is an external customer group, where its manager works through the copilot.
/// </summary>
public sealed class StaffOnWeComTests : IAsyncLifetime
{
    private const string Token = "copilot-admin";
    private FakeWeComServer _weCom = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _weCom = await FakeWeComServer.StartAsync();
        _weCom.AddApp("ww-grid", "staff-secret", 1000002);
        _host = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Admin:Token"] = Token,
            ["Channels:Staff"] = "wecom-app",
            ["WeCom:ApiBaseUrl"] = _weCom.ApiBaseUrl,
            ["WeCom:Apps:staff:CorpId"] = "ww-grid",
            ["WeCom:Apps:staff:Secret"] = "staff-secret",
            ["WeCom:Apps:staff:AgentId"] = "1000002",
        });
        var directory = _host.Services.GetRequiredService<GridDirectory>();
        var liulin = (await directory.GetGroupAsync("grp-liulin"))!;
        await directory.SaveGroupAsync(liulin with { Channel = ChannelNames.WeComCustomerGroup });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _weCom.DisposeAsync();
    }

    [Fact]
    public async Task HazardReportedInAGroup_AreaManagerPagedInTheWeComApp()
    {
        await _host.SayAsync("grp-xingfuli", "u-xfl-001", "@小电 楼下电线断了掉在地上，还在冒火花", "page-1");

        var page = await _weCom.WaitForAppMessageAsync(m => m.User == "wangjianhua" && m.Content.Contains("GD", StringComparison.Ordinal));

        Assert.Equal(1000002, page.AgentId);
        Assert.True(page.Delivered);
    }

    [Fact]
    public async Task ManagerForwardsAResidentsQuestion_GetsTheReplyToPasteWithTheDecision()
    {
        var reply = await SayPrivatelyAsync("liuchunmei", "王大爷问：电费在哪里交", "cp-1");

        Assert.StartsWith("【可直接转发到群里】", reply.Text, StringComparison.Ordinal);
        Assert.Contains("网上国网", reply.Text, StringComparison.Ordinal);
        Assert.Contains("判断：answer:billing.pay-channels", reply.Text, StringComparison.Ordinal);
        Assert.Contains("代报", reply.Text, StringComparison.Ordinal);
        Assert.Empty(await OrdersAsync("A02"));
    }

    [Fact]
    public async Task ManagerReportsOnTheResidentsBehalf_OrderOpenedAndItsResultRelayedToHim()
    {
        await SayPrivatelyAsync("liuchunmei", "张阿姨说她家停电了，邻居家都有电", "cp-2");
        var opened = await SayPrivatelyAsync("liuchunmei", "代报 张阿姨 13800001234", "cp-3");
        Assert.Contains("已替张阿姨登记", opened.Text, StringComparison.Ordinal);
        var order = System.Text.RegularExpressions.Regex.Match(opened.Text, @"GD\d{8}-\d{4}").Value;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/workorders/{order}/resolve")
        {
            Content = JsonContent.Create(new { by = "liuchunmei", result = "表后开关跳了，已合上，恢复供电" }),
        };
        request.Headers.Authorization = new("Bearer", Token);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.SendAsync(request)).StatusCode);

        var relayed = await _weCom.WaitForAppMessageAsync(m => m.User == "liuchunmei" && m.Content.Contains("请转告张阿姨", StringComparison.Ordinal)
            && m.Content.Contains("已合上", StringComparison.Ordinal));
        Assert.Contains(order, relayed.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportOnBehalfWithNothingForwarded_ToldWhatToDoFirst()
    {
        var reply = await SayPrivatelyAsync("liuchunmei", "代报", "cp-4");

        Assert.Contains("请先把居民的问题转发给我", reply.Text, StringComparison.Ordinal);
    }

    private async Task<TestHost.Line> SayPrivatelyAsync(string senderId, string text, string messageId)
    {
        await _host.Services.GetRequiredService<Inbox>().EnqueueAsync(
            new InboundMessage(messageId, ChannelNames.Simulator, "", senderId, senderId, text, MentionsBot: true, null, DateTimeOffset.UtcNow));
        return await _host.WaitForAsync("dm:" + senderId, l => l.ReplyTo == messageId, TimeSpan.FromSeconds(20));
    }

    private async Task<JsonElement[]> OrdersAsync(string area)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/workorders?area={area}");
        request.Headers.Authorization = new("Bearer", Token);
        using var response = await _host.Http.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }
}
