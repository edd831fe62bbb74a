using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridService.Bot.Tests.Channels.WeCom;

/// <summary>The real host with an AI bot configured, answering through a local fake WeCom over HTTP.</summary>
public sealed class AiBotEndToEndTests : IAsyncLifetime
{
    private readonly WeComCallbacks _bot = new("/wecom/aibot/grid");
    private readonly ConcurrentQueue<string> _logs = new();
    private FakeWeCom _weCom = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _weCom = await FakeWeCom.StartAsync();
        _host = await TestHost.StartAsync(
            new Dictionary<string, string>
            {
                ["WeCom:AiBots:grid:Token"] = _bot.Token,
                ["WeCom:AiBots:grid:EncodingAESKey"] = _bot.Key,
                ["WeCom:AiBots:grid:Groups:wrk-xfl"] = "grp-xingfuli",
                ["WeCom:AiBots:grid:Groups:wrk-sm"] = "grp-shimen",
                ["Logging:LogLevel:GridService"] = "Debug",
            },
            services => services.AddSingleton<ILoggerProvider>(new CapturedLogs(_logs)));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _weCom.DisposeAsync();
    }

    [Fact]
    public async Task Verify_SignedEchostr_AnswersTheBarePlaintext()
    {
        var (url, _) = _bot.Verify("1616140317555161061");

        var response = await _host.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1616140317555161061", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Verify_EchostrWithUnescapedPlus_IsStillVerified()
    {
        string url, echostr;
        do
        {
            (url, echostr) = _bot.Verify("4242");
        }
        while (!echostr.Contains('+', StringComparison.Ordinal));

        // A client that did not escape '+': the query parser reads it as a space.
        var raw = url[..url.IndexOf("&echostr=", StringComparison.Ordinal)] + "&echostr=" + echostr;
        var response = await _host.Http.GetAsync(raw);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4242", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Callback_GroupQuestion_AcknowledgedEmptyThenAnsweredAtTheResponseUrl()
    {
        var callback = _bot.Post(WeComCallbacks.AiBotText("m-pay-1", "wrk-xfl", "u-xfl-001", "@小电 电费在哪里交", _weCom.ResponseUrl("c-pay-1")));

        var response = await callback.SendAsync(_host.Http);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var reply = await _weCom.WaitForAsync("c-pay-1");
        Assert.Equal("markdown", reply.MsgType);
        Assert.Contains("网上国网", reply.Content, StringComparison.Ordinal);
        Assert.StartsWith("application/json", reply.ContentType, StringComparison.Ordinal);
        var line = Assert.Single(await _host.TranscriptAsync("grp-xingfuli"), l => l.MessageId == "m-pay-1");
        Assert.Equal(("in", "u-xfl-001", "@小电 电费在哪里交"), (line.Direction, line.SenderId, line.Text));
    }

    [Fact]
    public async Task Callback_ReplayedThreeTimes_IsQueuedAndAnsweredOnce()
    {
        var callback = _bot.Post(WeComCallbacks.AiBotText("m-dup-1", "wrk-sm", "u-sm-001", "@小电 怎么交电费", _weCom.ResponseUrl("c-dup-1")));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) statuses.Add((await callback.SendAsync(_host.Http)).StatusCode);
        await _weCom.WaitForAsync("c-dup-1");
        await _host.SettleAsync();

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Single(_weCom.Posts, p => p.Code == "c-dup-1");
        Assert.Single(await _host.TranscriptAsync("grp-shimen"), l => l.MessageId == "m-dup-1");
    }

    [Fact]
    public async Task Callback_ManagerCommand_HelpIsPostedToTheResponseUrl()
    {
        var callback = _bot.Post(WeComCallbacks.AiBotText("m-help-1", "wrk-sm", "zhaodeming", "@小电 帮助", _weCom.ResponseUrl("c-help-1")));

        Assert.Equal(HttpStatusCode.OK, (await callback.SendAsync(_host.Http)).StatusCode);

        Assert.Contains("停电通知", (await _weCom.WaitForAsync("c-help-1")).Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_SingleChatFromBoundCustomer_IsAnsweredPrivatelyAtTheResponseUrl()
    {
        var callback = _bot.Post(WeComCallbacks.AiBotText("m-dm-1", null, "u-xfl-001", "电费在哪里交", _weCom.ResponseUrl("c-dm-1")));

        Assert.Equal(HttpStatusCode.OK, (await callback.SendAsync(_host.Http)).StatusCode);

        Assert.Contains("网上国网", (await _weCom.WaitForAsync("c-dm-1")).Content, StringComparison.Ordinal);
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-xingfuli"), l => l.MessageId == "m-dm-1");
    }

    [Fact]
    public async Task Callback_WeComRefusesTheResponseUrl_ReplyReachesTheGroupThroughItsOwnChannel()
    {
        _weCom.Refused["c-refused-1"] = true;
        var callback = _bot.Post(WeComCallbacks.AiBotText("m-refused-1", "wrk-xfl", "u-xfl-002", "@小电 电费在哪里交", _weCom.ResponseUrl("c-refused-1")));

        Assert.Equal(HttpStatusCode.OK, (await callback.SendAsync(_host.Http)).StatusCode);

        // The sample groups' own channel is the simulator, whose posts land in the transcript.
        var fallback = await _host.WaitForAsync("grp-xingfuli", l => l.Direction == "out" && l.ReplyTo == "m-refused-1");
        Assert.Contains("网上国网", fallback.Text, StringComparison.Ordinal);
        Assert.Single(_weCom.Posts, p => p.Code == "c-refused-1");
    }

    [Fact]
    public async Task Callback_Answered_ResponseUrlNeverAppearsInTheLogs()
    {
        var callback = _bot.Post(WeComCallbacks.AiBotText("m-log-1", "wrk-xfl", "u-xfl-003", "@小电 电费在哪里交", _weCom.ResponseUrl("secret-code-1")));

        await callback.SendAsync(_host.Http);
        await _weCom.WaitForAsync("secret-code-1");
        await _host.SettleAsync();

        Assert.Contains(_logs, l => l.Contains("m-log-1", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs, l => l.Contains("secret-code-1", StringComparison.Ordinal));
    }
}
