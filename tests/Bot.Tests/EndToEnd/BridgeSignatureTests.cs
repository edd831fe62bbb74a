using System.Net;
using System.Text;
using GridService.Core.Chat;

namespace GridService.Bot.Tests.EndToEnd;

public sealed class BridgeSignatureTests : IAsyncLifetime
{
    private const string Secret = "s3cret-bridge";
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(new Dictionary<string, string> { ["Bridge:Secret"] = Secret });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Body(string id) =>
        $$"""{"messageId":"{{id}}","groupId":"grp-xingfuli","senderId":"u-xfl-001","senderName":"王","text":"@小电 电费在哪里交","mentionsBot":true}""";

    private Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/inbound") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add(BridgeSignature.Header, signature);
        return _host.Http.SendAsync(request);
    }

    [Fact]
    public async Task Inbound_CorrectSignature_IsQueued()
    {
        var body = Body("signed-1");

        var response = await PostAsync(body, BridgeSignature.Sign(Secret, Encoding.UTF8.GetBytes(body)));

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
        var response = await PostAsync(Body("forged-1"), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await _host.SettleAsync();
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-xingfuli"), l => l.MessageId == "forged-1" || l.ReplyTo == "forged-1");
    }

    [Fact]
    public async Task Inbound_SignatureOfAnotherBody_Returns401()
    {
        var signature = BridgeSignature.Sign(Secret, Encoding.UTF8.GetBytes(Body("other")));

        var response = await PostAsync(Body("tampered-1"), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
