using System.Text.Json;
using GridService.Core.Chat;
using GridService.Core.Grid;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.Pipeline;

/// <summary>
/// Per-channel truth: a customer asks for their balance in a group whose channel cannot write to them privately (a
/// WeCom group robot). The group gets a clear line saying where to look, not a claim that a private message was sent,
/// and nothing is queued that could only be dead-lettered.
/// </summary>
public sealed class PrivateReachTests : IAsyncLifetime
{
    private FakeHttpServer _robot = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _robot = await FakeHttpServer.StartAsync((app, _) => app.MapPost("/cgi-bin/webhook/send", () => Results.Json(new { errcode = 0, errmsg = "ok" })));
        _host = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["WeCom:Robot:BaseUrl"] = _robot.Url,
            ["WeCom:Robots:grp-shimen:Key"] = "robot-key-shimen",
        });
        var directory = _host.Services.GetRequiredService<GridDirectory>();
        var shimen = (await directory.GetGroupAsync("grp-shimen"))!;
        await directory.SaveGroupAsync(shimen with { Channel = ChannelNames.WeComRobot });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _robot.DisposeAsync();
    }

    [Fact]
    public async Task BalanceAskedInARobotGroup_GroupToldWhereToLook_NoPrivateMessageQueued()
    {
        await _host.SayAsync("grp-shimen", "u-sm-001", "@小电 看看我还有多少电费", "reach-1");

        // The recorded request, not one the handler keeps: the wait returns as soon as the request is recorded.
        await _robot.WaitForAsync(r => r.Path == "/cgi-bin/webhook/send");
        await _host.SettleAsync();
        var post = JsonDocument.Parse(Assert.Single(_robot.Requests, r => r.Path == "/cgi-bin/webhook/send").Body);
        Assert.Equal(PrivateRoutes.NoPrivateReach, post.RootElement.GetProperty("text").GetProperty("content").GetString());
        var outbox = _host.Services.GetRequiredService<Outbox>();
        Assert.Null(await outbox.Statuses.GetAsync("bot-re-bridge-reach-1-dm"));
        Assert.Empty(await outbox.Queue.DeadLettersAsync());
    }
}
