using System.Net;
using System.Text;
using GridService.Bot.Channels.WeCom.Protocol;

namespace GridService.Bot.Tests.Channels.WeCom;

/// <summary>What the endpoints refuse, and that a refused callback leaves nothing in the inbox.</summary>
public sealed class CallbackRefusalTests(IngressOnlyHost fixture) : IClassFixture<IngressOnlyHost>
{
    private HttpClient Http => fixture.Host.Http;

    [Fact]
    public async Task AiBotCallback_SignedWithAnotherToken_Returns401AndQueuesNothing()
    {
        var before = await fixture.QueuedAsync();
        var forger = new WeComCallbacks("/wecom/aibot/grid", key: fixture.Bot.Key);

        var response = await forger.Post(WeComCallbacks.AiBotText("f-1", "wrk-xfl", "u-xfl-001", "@小电 hi", "http://127.0.0.1:9/x")).SendAsync(Http);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await fixture.QueuedAsync());
    }

    [Fact]
    public async Task AiBotCallback_CiphertextSwappedUnderAValidSignature_Returns401AndQueuesNothing()
    {
        var before = await fixture.QueuedAsync();
        var genuine = fixture.Bot.Post(WeComCallbacks.AiBotText("f-2", "wrk-xfl", "u-xfl-001", "@小电 hi", null));
        var other = fixture.Bot.Post(WeComCallbacks.AiBotText("f-3", "wrk-xfl", "u-xfl-001", "@小电 停电了", null));

        var response = await (genuine with { Body = other.Body }).SendAsync(Http);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await fixture.QueuedAsync());
    }

    [Fact]
    public async Task AiBotCallback_TimestampTwoDaysOld_Returns401AndQueuesNothing()
    {
        var before = await fixture.QueuedAsync();
        var old = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = await fixture.Bot.Post(WeComCallbacks.AiBotText("f-4", "wrk-xfl", "u-xfl-001", "@小电 hi", null), old).SendAsync(Http);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await fixture.QueuedAsync());
    }

    [Fact]
    public async Task AppCallback_EncryptedForAnotherCorp_Returns401AndQueuesNothing()
    {
        var before = await fixture.QueuedAsync();
        var otherCorp = new WeComCallbacks("/wecom/app/staff", "ww-other-corp", fixture.App.Token, fixture.App.Key);
        var xml = WeComCallbacks.AppText("ww-other-corp", "wangjianhua", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "帮助", "9001");

        var response = await otherCorp.Post(xml).SendAsync(Http);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await fixture.QueuedAsync());
    }

    [Fact]
    public async Task AppCallback_StaffText_IsQueuedOnceAndAcknowledgedEmpty()
    {
        var before = await fixture.QueuedAsync();
        var callback = fixture.App.Post(WeComCallbacks.AppText(IngressOnlyHost.CorpId, "wangjianhua", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "帮助", "9002"));

        var first = await callback.SendAsync(Http);
        var retry = await callback.SendAsync(Http);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.Empty(await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(before + 1, await fixture.QueuedAsync());
    }

    [Fact]
    public async Task AiBotCallback_ChatBoundToNoGroup_IsAcknowledgedButNotQueued()
    {
        var before = await fixture.QueuedAsync();

        var response = await fixture.Bot.Post(WeComCallbacks.AiBotText("f-5", "wrk-unknown", "u-1", "@小电 hi", null)).SendAsync(Http);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await fixture.QueuedAsync());
    }

    [Fact]
    public async Task AiBotCallback_EnterChatEvent_IsAcknowledgedButNotQueued()
    {
        var before = await fixture.QueuedAsync();
        const string json = """{"msgid":"ev-1","aibotid":"B","chattype":"single","from":{"userid":"u-1"},"msgtype":"event","event":{"eventtype":"enter_chat"}}""";

        var response = await fixture.Bot.Post(json).SendAsync(Http);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await fixture.QueuedAsync());
    }

    [Theory]
    [InlineData("/wecom/aibot/nobody")]
    [InlineData("/wecom/app/nobody")]
    public async Task Callback_UnknownName_Returns404(string path)
    {
        var response = await Http.PostAsync(path + "?msg_signature=a&timestamp=1&nonce=1", new StringContent("{}", Encoding.UTF8));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AiBotCallback_BodyOverTheLimit_Returns413()
    {
        var callback = fixture.Bot.Post(WeComCallbacks.AiBotText("f-6", "wrk-xfl", "u-1", "@小电 hi", null));
        var padded = callback with { Body = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', WeComLimits.DefaultMaxBodyBytes) + "\"}") };

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await padded.SendAsync(Http)).StatusCode);
    }
}
