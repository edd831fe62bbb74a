using System.Net;
using System.Text;
using GridService.Core.Chat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Bot.Tests.EndToEnd;

public sealed class BridgeSignatureTests : IAsyncLifetime
{
    private const string Secret = "s3cret-bridge";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(new Dictionary<string, string> { ["Bridge:Secret"] = Secret },
            services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Body(string id) =>
        $$"""{"messageId":"{{id}}","groupId":"grp-xingfuli","senderId":"u-xfl-001","senderName":"王","text":"@小电 电费在哪里交","mentionsBot":true}""";

    private string Now => BridgeSignature.Timestamp(_clock.GetUtcNow());

    private static string Sign(string timestamp, string body) => BridgeSignature.Sign(Secret, timestamp, Encoding.UTF8.GetBytes(body));

    private Task<HttpResponseMessage> PostAsync(string body, string? signature, string? timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/inbound") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add(BridgeSignature.Header, signature);
        if (timestamp is not null) request.Headers.Add(BridgeSignature.TimestampHeader, timestamp);
        return _host.Http.SendAsync(request);
    }

    [Fact]
    public async Task Inbound_CorrectSignature_IsQueued()
    {
        var body = Body("signed-1");

        var response = await PostAsync(body, Sign(Now, body), Now);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _host.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "signed-1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha1=abc")]
    [InlineData("sha256=zz")]
    public async Task Inbound_MissingOrWrongSignature_Returns401AndQueuesNothing(string? signature)
    {
        var response = await PostAsync(Body("forged-1"), signature, Now);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await _host.SettleAsync();
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-xingfuli"), l => l.MessageId == "forged-1" || l.ReplyTo == "forged-1");
    }

    [Fact]
    public async Task Inbound_SignatureOfAnotherBody_Returns401()
    {
        var response = await PostAsync(Body("tampered-1"), Sign(Now, Body("other")), Now);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Inbound_BodySignedWithoutTheTimestamp_Returns401()
    {
        // The old scheme (HMAC of the body alone) is no longer accepted.
        var body = Body("old-scheme-1");
        var oldScheme = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, oldScheme, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, oldScheme, Now)).StatusCode);
    }

    [Fact]
    public async Task Inbound_SignedTimestampMovedForward_Returns401()
    {
        var body = Body("moved-1");
        var signedAt = BridgeSignature.Timestamp(_clock.GetUtcNow().AddMinutes(-10));

        // A captured request whose timestamp header is rewritten to now no longer matches its signature.
        var response = await PostAsync(body, Sign(signedAt, body), Now);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Inbound_ReplayedAfterTheWindowAndTheDeduplication_Returns401AndNothingIsQueued()
    {
        var body = Body("replay-1");
        var timestamp = Now;
        var signature = Sign(timestamp, body);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(body, signature, timestamp)).StatusCode);
        await _host.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "replay-1");

        // Within the window a replay is a duplicate; past the window (and the one-day de-duplication) it is refused.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, signature, timestamp)).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(6));
        var stale = await PostAsync(body, signature, timestamp);
        _clock.Advance(TimeSpan.FromDays(2));
        var muchLater = await PostAsync(body, signature, timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, muchLater.StatusCode);
        Assert.Single(await _host.TranscriptAsync("grp-xingfuli"), l => l.MessageId == "replay-1");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5")]
    public async Task Inbound_MissingOrMalformedTimestamp_Returns401(string? timestamp)
    {
        var body = Body("ts-1");

        var response = await PostAsync(body, Sign(timestamp ?? "", body), timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
