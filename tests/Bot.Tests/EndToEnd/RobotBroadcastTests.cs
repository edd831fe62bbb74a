using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GridService.Core.Grid;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.EndToEnd;

/// <summary>An operator's notice through the whole host to a group whose channel is a WeCom group robot (a local fake).</summary>
public sealed class RobotBroadcastTests : IAsyncLifetime
{
    private static readonly string[] CentralArea = ["A01"];
    private readonly ConcurrentQueue<(string Key, string Body)> _received = new();
    private WebApplication _fakeWeCom = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        _fakeWeCom = builder.Build();
        _fakeWeCom.MapPost("/cgi-bin/webhook/send", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            _received.Enqueue((request.Query["key"].ToString(), await reader.ReadToEndAsync()));
            return Results.Json(new { errcode = 0, errmsg = "ok" });
        });
        await _fakeWeCom.StartAsync();
        var fakeUrl = _fakeWeCom.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _host = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Admin:Token"] = "ops-token",
            ["WeCom:Robot:BaseUrl"] = fakeUrl,
            ["WeCom:Robots:grp-xingfuli:Key"] = "robot-key-xfl",
        });
        var directory = _host.Services.GetRequiredService<GridDirectory>();
        var group = (await directory.GetGroupAsync("grp-xingfuli"))!;
        await directory.SaveGroupAsync(group with { Channel = "wecom-robot" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fakeWeCom.StopAsync();
        await _fakeWeCom.DisposeAsync();
    }

    [Fact]
    public async Task FaultNotice_FromOperator_ReachesTheGroupRobotOnceWithItsKey()
    {
        var now = DateTimeOffset.UtcNow;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/notices")
        {
            Content = JsonContent.Create(new
            {
                kind = "fault-outage", areas = CentralArea, start = now.AddMinutes(-5).ToString("O"), end = now.AddHours(3).ToString("O"),
                reason = "10kV城关线故障跳闸", scope = "幸福里1-8号楼",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "ops-token");

        var response = await _host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (_received.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50);
        await _host.SettleAsync();

        var (key, body) = Assert.Single(_received);
        Assert.Equal("robot-key-xfl", key);
        using var json = JsonDocument.Parse(body);
        var content = json.RootElement.GetProperty(json.RootElement.GetProperty("msgtype").GetString()!).GetProperty("content").GetString()!;
        Assert.Contains("幸福里1-8号楼", content, StringComparison.Ordinal);
        Assert.Contains("故障", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_WithoutAdminToken_Is401AndNothingIsPosted()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Http.BaseAddress };
        var response = await anonymous.PostAsJsonAsync("/api/notices", new { kind = "fault-outage", areas = CentralArea, reason = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await _host.SettleAsync();
        Assert.Empty(_received);
    }
}
