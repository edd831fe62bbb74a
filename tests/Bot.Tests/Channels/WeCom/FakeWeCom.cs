using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GridService.Bot.Tests.Channels.WeCom;

/// <summary>
/// A local stand-in for WeCom's reply endpoint (<c>/cgi-bin/aibot/response?response_code=…</c>) over real HTTP: it
/// keeps every post and, like WeCom, accepts one reply per response_code.
/// </summary>
internal sealed class FakeWeCom : IAsyncDisposable
{
    /// <summary>Any non-zero errcode does; WeCom's exact code for a spent response_url is not in our sources.</summary>
    public const int SpentErrCode = 600_001;

    private readonly ConcurrentDictionary<string, int> _uses = new();
    private FakeHttpServer _server = null!;

    /// <summary>Every post, in arrival order.</summary>
    public ConcurrentQueue<Post> Posts { get; } = new();

    /// <summary>The server's base address.</summary>
    public string BaseAddress => _server.Url;

    /// <summary>Codes that are refused from the first use (to play a URL WeCom no longer accepts).</summary>
    public ConcurrentDictionary<string, bool> Refused { get; } = new();

    public static async Task<FakeWeCom> StartAsync()
    {
        var fake = new FakeWeCom();
        fake._server = await FakeHttpServer.StartAsync((app, _) => app.MapPost("/cgi-bin/aibot/response", (HttpContext context) =>
        {
            var request = FakeHttpServer.RequestOf(context);
            var code = context.Request.Query["response_code"].ToString();
            fake.Posts.Enqueue(new Post(code, request.Body, context.Request.ContentType ?? ""));
            var uses = fake._uses.AddOrUpdate(code, 1, (_, n) => n + 1);
            return uses == 1 && !fake.Refused.ContainsKey(code)
                ? Results.Json(new { errcode = 0, errmsg = "ok" })
                : Results.Json(new { errcode = SpentErrCode, errmsg = "response_url already used or expired (fake)" });
        }));
        return fake;
    }

    /// <summary>A response_url on this server.</summary>
    public string ResponseUrl(string code) => $"{BaseAddress}/cgi-bin/aibot/response?response_code={code}";

    /// <summary>Waits for a post to <paramref name="code"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task<Post> WaitForAsync(string code, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (Posts.FirstOrDefault(p => p.Code == code) is { } post) return post;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No reply was posted to response_code {code}.");
            await Task.Delay(25);
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>One post: the response_code, the raw JSON body and its content type.</summary>
    public sealed record Post(string Code, string Body, string ContentType)
    {
        public string MsgType => JsonDocument.Parse(Body).RootElement.GetProperty("msgtype").GetString()!;

        public string Content => JsonDocument.Parse(Body).RootElement.GetProperty("markdown").GetProperty("content").GetString()!;
    }
}
