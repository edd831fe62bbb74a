using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridService.Bot.Channels.WeCom.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GridService.TestKit;

/// <summary>
/// A local stand-in for WeCom on one port (built on <see cref="FakeHttpServer"/>): the AI bot's long connection as a
/// WebSocket at <c>ws://127.0.0.1:port/</c> and the REST API under <c>/cgi-bin/…</c> (gettoken, message/send, the
/// 企业群发 calls), plus encrypted media downloads. It behaves as wecom-platform.md §4 describes: one live connection
/// per bot (a second subscribe evicts the first with <c>disconnected_event</c>), replies checked against their
/// callback's req_id, app messages past 30 a minute per member silently dropped, 群发 tasks that wait for
/// <see cref="Confirm"/>. Every frame and request is recorded for assertions.
/// </summary>
public sealed partial class FakeWeComServer : IAsyncDisposable
{
    private FakeHttpServer _http = null!;

    private FakeWeComServer()
    {
    }

    /// <summary>The REST base address (<c>WeCom:ApiBaseUrl</c>), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string ApiBaseUrl => _http.Url;

    /// <summary>The long connection's address (<c>WeCom:AiBots:{name}:Url</c>).</summary>
    public string WebSocketUrl => "ws" + _http.Url[4..] + "/";

    /// <summary>The clock tokens expire and rate windows run on.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every HTTP request (REST and the WebSocket upgrades).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _http.Requests;

    /// <summary>Starts the fake.</summary>
    public static async Task<FakeWeComServer> StartAsync()
    {
        var fake = new FakeWeComServer();
        fake._http = await FakeHttpServer.StartAsync((app, _) =>
        {
            ((IApplicationBuilder)app).UseWebSockets();
            app.Map("/", fake.AcceptSocketAsync);
            fake.MapRest(app);
            app.MapGet("/media/{id}", (string id) => fake._media.TryGetValue(id, out var file)
                ? Results.File(file.Cipher, "application/octet-stream", fileDownloadName: file.Name)
                : Results.NotFound());
        });
        return fake;
    }

    // ---- media ----------------------------------------------------------------------------------------------

    private readonly ConcurrentDictionary<string, (byte[] Cipher, string Name)> _media = new();

    /// <summary>Serves <paramref name="plaintext"/> encrypted with a fresh per-message key; returns its URL and the key.</summary>
    public (string Url, string AesKey) AddMedia(byte[] plaintext, string name = "photo.jpg")
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        _media[id] = (WeComMediaCrypto.Encrypt(plaintext, key), name);
        return ($"{ApiBaseUrl}/media/{id}", key);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values) client.Socket.Abort();
        return _http.DisposeAsync();
    }

    private static JsonObject Ack(string reqId, int errcode = 0, string errmsg = "ok") =>
        new() { ["headers"] = new JsonObject { ["req_id"] = reqId }, ["errcode"] = errcode, ["errmsg"] = errmsg };

    private static async Task WaitUntilAsync(Func<bool> done, TimeSpan? timeout, Func<string> describe)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (!done())
        {
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(describe());
            }
        }
    }

    private static string Json(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(Json(node));

    private static WebSocketState StateOf(WebSocket socket) => socket.State;
}
