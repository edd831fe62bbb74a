using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using GridService.Bot.Tests.Channels.WeCom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridService.Bot.Tests.Security;

/// <summary>Display fields cleaned and bounded at the bridge; the loopback-only warning at start.</summary>
public sealed class DisplayFieldTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _logs = new();
    private TestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TestHost.StartAsync(services: services => services.AddSingleton<ILoggerProvider>(new CapturedLogs(_logs)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string id, string senderName, string text, string senderId = "stranger-2") =>
        _host.Http.PostAsJsonAsync("/api/chat/inbound", new { messageId = id, groupId = "grp-xingfuli", senderId, senderName, text, mentionsBot = true });

    [Fact]
    public async Task BidiOverridesAndControlCharacters_AreStrippedBeforeTheyReachTheGroup()
    {
        var response = await PostAsync("bidi-1", "\u202E理经王", "@小电 你们抄表员态度太差了\u202E8765 4321 831\u202C我要投诉\u0007");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await _host.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "bidi-1" && l.Kind == "workorder-created");
        var lines = await _host.TranscriptAsync("grp-xingfuli");
        Assert.All(lines, l => Assert.DoesNotContain(l.Text, c => c is '\u202E' or '\u202C' or '\u0007'));
        Assert.StartsWith("理*", created.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(129, 10)]
    [InlineData(10, 2001)]
    public async Task OverlongNameOrText_Returns400(int nameLength, int textLength)
    {
        var response = await PostAsync("long-1", new string('名', nameLength), "@小电 " + new string('电', textLength));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void NoAdminToken_StartUpWarnsThatOperatorRoutesAreLoopbackOnly() =>
        Assert.Contains(_logs, l => l.Contains("[302]", StringComparison.Ordinal) && l.Contains("loopback", StringComparison.Ordinal));
}
