using GridService.Core.Grid;
using System.Net;
using System.Text;
using GridService.Bot.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Bot.Tests.Channels.WeCom;

/// <summary>
/// The real host with a self-built app configured (callback and sending), its clock set to when WeCom's published
/// vector A was made, so the vector's own signed requests are fresh; replies go out as app messages to a local fake.
/// </summary>
public sealed class AppEndToEndTests : IAsyncLifetime
{
    // Vector A (weworkapi_golang json_callback/sample.go), see wecom-protocol.md.
    private const string Token = "QDG6eK";
    private const string Key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private const string CorpId = "wx5823bf96d3bd56c7";
    private const string A2Encrypt = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1409659600));
    private TestHost _host = null!;
    private WeComCallbacks _app = null!;
    private FakeWeComServer _weCom = null!;

    public async Task InitializeAsync()
    {
        _weCom = await FakeWeComServer.StartAsync();
        _weCom.Clock = _time;
        _weCom.AddApp(CorpId, "vec-secret", 218);
        _app = new WeComCallbacks("/wecom/app/vec", CorpId, Token, Key) { Time = _time };
        _host = await TestHost.StartAsync(
            new Dictionary<string, string>
            {
                ["WeCom:Apps:vec:Token"] = Token,
                ["WeCom:Apps:vec:EncodingAESKey"] = Key,
                ["WeCom:Apps:vec:CorpId"] = CorpId,
                ["WeCom:Apps:vec:Secret"] = "vec-secret",
                ["WeCom:Apps:vec:AgentId"] = "218",
                ["WeCom:ApiBaseUrl"] = _weCom.ApiBaseUrl,
                ["Channels:Staff"] = "wecom-app",
            },
            services => services.AddSingleton<TimeProvider>(_time));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _weCom.DisposeAsync();
    }

    [Fact]
    public async Task Verify_PublishedVectorA1_AnswersItsPlaintext()
    {
        const string echo = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

        var response = await _host.Http.GetAsync("/wecom/app/vec?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
            + "&timestamp=1409659589&nonce=263014780&echostr=" + Uri.EscapeDataString(echo));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1616140317555161061", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Callback_PublishedVectorA2FromAStranger_QueuedAndAnsweredOnTheAppChannel()
    {
        var body = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{A2Encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>";

        var response = await _host.Http.PostAsync("/wecom/app/vec?msg_signature=477715d11cdb4164915debcba66cb864d751f3e6"
            + "&timestamp=1409659813&nonce=1372623149", new StringContent(body, Encoding.UTF8, "text/xml"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var reply = await _weCom.WaitForAppMessageAsync(m => m.User == "mycreate");
        Assert.Equal((MessagePipeline.StrangerReply, 218), (reply.Content, reply.AgentId));
    }

    [Fact]
    public async Task Callback_AreaManagerSwitchesTheBotOffInPrivate_HisGroupIsSwitchedOff()
    {
        var xml = WeComCallbacks.AppText(CorpId, "wangjianhua", _time.GetUtcNow().ToUnixTimeSeconds(), "关闭机器人", "5001");

        Assert.Equal(HttpStatusCode.OK, (await _app.Post(xml).SendAsync(_host.Http)).StatusCode);

        // The manager's daily digest may reach the same private chat first (the host starts after 17:00 on the fake clock).
        var reply = await _weCom.WaitForAppMessageAsync(m => m.User == "wangjianhua" && !m.Content.StartsWith("【每日简报】", StringComparison.Ordinal));
        Assert.Contains("已暂停", reply.Content, StringComparison.Ordinal);
        Assert.False(await _host.Services.GetRequiredService<GroupSettings>().IsBotOnAsync("grp-xingfuli"));
        Assert.True(await _host.Services.GetRequiredService<GroupSettings>().IsBotOnAsync("grp-liulin"));
    }
}
