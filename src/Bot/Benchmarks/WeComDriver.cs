using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GridService.Bot.Channels.WeCom.LongConnection;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GridService.Bot.Benchmarks;

/// <summary>
/// WeCom's side of the long connection for <c>bench longconn</c>: a WebSocket server on loopback that accepts the bot's
/// subscription, acknowledges every frame at once, sends message frames when told and notes when the first reply
/// (<c>aibot_respond_msg</c>) on each req_id arrives.
/// </summary>
internal sealed class WeComDriver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource<WebSocket> _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, long> _replies = new(StringComparer.Ordinal);

    private WeComDriver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    /// <summary>Replies received: req_id → Stopwatch timestamp of the first reply frame.</summary>
    public IReadOnlyDictionary<string, long> Replies => _replies;

    public static async Task<WeComDriver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var driver = new WeComDriver(app);
        app.UseWebSockets();
        app.Map("/", driver.AcceptAsync);
        await app.StartAsync();
        driver.Url = "ws" + app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First()[4..] + "/";
        return driver;
    }

    /// <summary>Waits until the bot subscribed.</summary>
    public Task WaitForSubscriptionAsync(TimeSpan timeout) => _subscribed.Task.WaitAsync(timeout);

    /// <summary>Sends one prepared message frame.</summary>
    public async Task SendAsync(byte[] frame)
    {
        var socket = await _subscribed.Task;
        await _sending.WaitAsync();
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                if (await WebSocketMessages.ReceiveAsync(socket, buffer, context.RequestAborted) == WebSocketMessageType.Close) return;
                var now = Stopwatch.GetTimestamp();
                var (cmd, reqId) = Read(buffer.WrittenSpan);
                if (cmd == "aibot_respond_msg") _replies.TryAdd(reqId, now);
                await AckAsync(socket, reqId);
                if (cmd == "aibot_subscribe") _subscribed.TrySetResult(socket);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }

    private async Task AckAsync(WebSocket socket, string reqId)
    {
        var ack = Encoding.UTF8.GetBytes("{\"headers\":{\"req_id\":" + JsonSerializer.Serialize(reqId, BenchJson.Default.String) + "},\"errcode\":0,\"errmsg\":\"ok\"}");
        await _sending.WaitAsync();
        try
        {
            await socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    private static (string Cmd, string ReqId) Read(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        string cmd = "", reqId = "";
        var depth = 0;
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: depth++; break;
                case JsonTokenType.EndObject: depth--; break;
                case JsonTokenType.PropertyName: property = reader.GetString(); break;
                case JsonTokenType.String when property == "cmd" && depth == 1: cmd = reader.GetString() ?? ""; break;
                case JsonTokenType.String when property == "req_id" && depth == 2: reqId = reader.GetString() ?? ""; break;
                case JsonTokenType.StartArray: reader.Skip(); break;
            }

            if (cmd.Length > 0 && reqId.Length > 0) break;
        }

        return (cmd, reqId);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _sending.Dispose();
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class BenchJson : System.Text.Json.Serialization.JsonSerializerContext;
