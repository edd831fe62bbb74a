using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GridService.Bot.Tests.Channels.WeCom;

/// <summary>
/// Thousands of hostile requests to each endpoint: every one is refused with a 4xx, none is queued, and the host
/// still accepts a genuine callback afterwards.
/// </summary>
public sealed class CallbackFuzzTests(IngressOnlyHost fixture) : IClassFixture<IngressOnlyHost>
{
    private const int BodiesPerEndpoint = 2400;
    private const int ChecksPerEndpoint = 600;

    [Fact]
    public async Task AiBot_HostileBodiesAndQueries_AllRefusedNothingQueued()
    {
        var cases = new CallbackFuzzCases(fixture.Bot, i => WeComCallbacks.AiBotText(
            $"fz-{i}", "wrk-xfl", "u-xfl-001", "@小电 电费在哪里交", "http://127.0.0.1:9/r?c=" + i), new Random(6));

        await AssertAllRefusedAsync([.. cases.Bodies(BodiesPerEndpoint), .. cases.Verifications(ChecksPerEndpoint)]);

        var genuine = fixture.Bot.Post(WeComCallbacks.AiBotText("fz-genuine", "wrk-xfl", "u-xfl-001", "@小电 你好", null));
        var before = await fixture.QueuedAsync();
        Assert.Equal(HttpStatusCode.OK, (await genuine.SendAsync(fixture.Host.Http)).StatusCode);
        Assert.Equal(before + 1, await fixture.QueuedAsync());
    }

    [Fact]
    public async Task App_HostileBodiesAndQueries_AllRefusedNothingQueued()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var cases = new CallbackFuzzCases(fixture.App, i => WeComCallbacks.AppText(
            IngressOnlyHost.CorpId, "wangjianhua", now, "帮助", (700_000 + i).ToString(CultureInfo.InvariantCulture)), new Random(7));

        await AssertAllRefusedAsync([.. cases.Bodies(BodiesPerEndpoint), .. cases.Verifications(ChecksPerEndpoint)]);

        var genuine = fixture.App.Post(WeComCallbacks.AppText(IngressOnlyHost.CorpId, "wangjianhua", now, "帮助", "799999"));
        var before = await fixture.QueuedAsync();
        Assert.Equal(HttpStatusCode.OK, (await genuine.SendAsync(fixture.Host.Http)).StatusCode);
        Assert.Equal(before + 1, await fixture.QueuedAsync());
    }

    [Theory]
    [InlineData("/wecom/aibot/grid")]
    [InlineData("/wecom/app/staff")]
    public async Task Callback_BodyCutShortOfItsContentLength_HostKeepsServing(string path)
    {
        var before = await fixture.QueuedAsync();
        var uri = fixture.Host.Http.BaseAddress!;
        for (var i = 0; i < 20; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(uri.Host, uri.Port);
            var head = $"POST {path}?msg_signature=ab&timestamp={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}&nonce=1 HTTP/1.1\r\n"
                + $"Host: {uri.Authority}\r\nContent-Length: 5000\r\n\r\n{{\"encrypt\":\"AAAA";
            await socket.SendAsync(Encoding.ASCII.GetBytes(head));
            socket.Shutdown(SocketShutdown.Send);
            var buffer = new byte[4096];
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                read = 0; // closed without an answer: fine for a request that never completed
            }

            var status = Encoding.ASCII.GetString(buffer, 0, read);
            Assert.True(read == 0 || status.StartsWith("HTTP/1.1 4", StringComparison.Ordinal), status);
        }

        Assert.Equal(HttpStatusCode.OK, (await fixture.Host.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(before, await fixture.QueuedAsync());
    }

    private async Task AssertAllRefusedAsync(IReadOnlyList<FuzzCase> cases)
    {
        var before = await fixture.QueuedAsync();
        var accepted = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var http = new HttpClient { BaseAddress = fixture.Host.Http.BaseAddress };
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (c, ct) =>
        {
            using var request = new HttpRequestMessage(c.Body is null ? HttpMethod.Get : HttpMethod.Post, c.Url);
            if (c.Body is not null) request.Content = new ByteArrayContent(c.Body);
            if (c.Chunked) request.Headers.TransferEncodingChunked = true;
            try
            {
                using var response = await http.SendAsync(request, ct);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if ((int)response.StatusCode is < 400 or >= 500) accepted.Add($"{c.Name}: {(int)response.StatusCode} {c.Url}");
            }
            catch (HttpRequestException) when (c.Name == "oversized")
            {
                // The host may close the connection on a body it refused before the client finished sending it.
            }
        });

        Assert.True(accepted.IsEmpty, $"{accepted.Count} of {cases.Count} hostile requests were not refused with a 4xx:\n" + string.Join('\n', accepted.Take(20)));
        Assert.Equal(before, await fixture.QueuedAsync());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Host.Http.GetAsync("/healthz")).StatusCode);

        // Each kind of refusal was reached, so the cases test more than one early check.
        Assert.Superset(new HashSet<int> { 400, 401, 413 }, statuses.Keys.ToHashSet());
    }
}
