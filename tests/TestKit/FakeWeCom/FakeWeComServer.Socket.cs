using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridService.Bot.Channels.WeCom.LongConnection;
using Microsoft.AspNetCore.Http;

namespace GridService.TestKit;

/// <summary>One frame the fake received on its WebSocket.</summary>
/// <param name="Connection">Which connection (1, 2, … in order of arrival).</param>
/// <param name="BotId">The bot the connection subscribed as, if it did.</param>
/// <param name="Cmd">The command.</param>
/// <param name="ReqId">Its req_id.</param>
/// <param name="Body">Its body (an empty object when absent).</param>
/// <param name="Answer">The errcode the fake acknowledged it with.</param>
public sealed record ReceivedFrame(int Connection, string? BotId, string Cmd, string ReqId, JsonElement Body, int Answer)
{
    /// <summary>A stream reply's content (<c>body.stream.content</c>), or a push's markdown.</summary>
    public string? Content => Body.TryGetProperty("stream", out var s) ? s.GetProperty("content").GetString()
        : Body.TryGetProperty("markdown", out var m) ? m.GetProperty("content").GetString() : null;
}

public sealed partial class FakeWeComServer
{
    private readonly ConcurrentDictionary<string, string> _bots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, Client> _clients = new();
    private readonly ConcurrentDictionary<string, Client> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedFrame> _frames = new();
    private readonly ConcurrentDictionary<string, string> _callbackKinds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _chatsSeen = new(StringComparer.Ordinal);
    private int _connections;
    private int _sequence;

    /// <summary>Every frame received, in order.</summary>
    public IReadOnlyList<ReceivedFrame> Frames => [.. _frames];

    /// <summary>When set, pings get no acknowledgement (the client must notice after two and reconnect).</summary>
    public bool SwallowPings { get; set; }

    /// <summary>How long the fake takes to acknowledge a reply frame (WeCom: 0.24–0.45 s).</summary>
    public TimeSpan AckDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long an evicted socket stays open after its <c>disconnected_event</c> (WeCom: 2.2 s to 313 s).</summary>
    public TimeSpan EvictedCloseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>req_ids whose replies WeCom refuses as expired (846608).</summary>
    public ConcurrentDictionary<string, bool> ExpiredReqIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages (by msgid) whose req_id WeCom will refuse as expired (846608) when the reply comes.</summary>
    public ConcurrentDictionary<string, bool> ExpiredMessages { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, a push to a chat that never wrote to the bot fails with 93006.</summary>
    public bool FailUnknownChats { get; set; }

    /// <summary>Lets <paramref name="botId"/> subscribe with <paramref name="secret"/>.</summary>
    public void AddBot(string botId, string secret) => _bots[botId] = secret;

    /// <summary>Successful subscriptions of a bot so far.</summary>
    public int Subscriptions(string botId) => _frames.Count(f => f.Cmd == "aibot_subscribe" && f.BotId == botId && f.Answer == 0);

    /// <summary>True while <paramref name="botId"/> has a live (subscribed, not evicted) connection.</summary>
    public bool IsLive(string botId) => _live.TryGetValue(botId, out var c) && StateOf(c.Socket) == WebSocketState.Open;

    /// <summary>The connection number of the bot's live connection, or 0.</summary>
    public int LiveConnection(string botId) => _live.TryGetValue(botId, out var c) ? c.Id : 0;

    /// <summary>Sends a message callback to the bot's live connection; returns its req_id.</summary>
    public Task<string> PushMessageAsync(string botId, object body) => PushAsync(botId, "aibot_msg_callback", "msg", body);

    /// <summary>Sends an event callback to the bot's live connection; returns its req_id.</summary>
    public Task<string> PushEventAsync(string botId, string eventType, object body) => PushAsync(botId, "aibot_event_callback", eventType, body);

    /// <summary>Cuts the bot's live connection without a close frame (the network went away).</summary>
    public void Drop(string botId)
    {
        if (_live.TryRemove(botId, out var client)) client.Socket.Abort();
    }

    /// <summary>Waits for a frame matching <paramref name="match"/>.</summary>
    public async Task<ReceivedFrame> WaitForFrameAsync(Func<ReceivedFrame, bool> match, TimeSpan? timeout = null)
    {
        ReceivedFrame? found = null;
        await WaitUntilAsync(() => (found = _frames.FirstOrDefault(match)) is not null, timeout,
            () => "No matching frame; received: " + string.Join(", ", _frames.Select(f => $"#{f.Connection} {f.Cmd}={f.Answer}")));
        return found!;
    }

    /// <summary>Waits until <paramref name="botId"/> has a live connection.</summary>
    public Task WaitForLiveAsync(string botId, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => IsLive(botId), timeout, () => $"{botId} never connected; frames: " + string.Join(", ", _frames.Select(f => $"#{f.Connection} {f.Cmd}={f.Answer}")));

    private async Task<string> PushAsync(string botId, string cmd, string kind, object body)
    {
        if (!_live.TryGetValue(botId, out var client)) throw new InvalidOperationException($"{botId} has no live connection.");
        var reqId = string.Create(CultureInfo.InvariantCulture, $"srv_{Interlocked.Increment(ref _sequence)}");
        _callbackKinds[reqId] = kind;
        var node = JsonSerializer.SerializeToNode(body)!;
        if (node["msgid"]?.GetValue<string>() is { } msgId && ExpiredMessages.ContainsKey(msgId)) ExpiredReqIds[reqId] = true;
        if (node["chatid"]?.GetValue<string>() is { Length: > 0 } chat) _chatsSeen[chat] = true;
        if (node["from"]?["userid"]?.GetValue<string>() is { Length: > 0 } user) _chatsSeen[user] = true;
        await client.SendAsync(new JsonObject { ["cmd"] = cmd, ["headers"] = new JsonObject { ["req_id"] = reqId }, ["body"] = node });
        return reqId;
    }

    private async Task AcceptSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var client = new Client(Interlocked.Increment(ref _connections), socket);
        _clients[client.Id] = client;
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                if (await WebSocketMessages.ReceiveAsync(socket, buffer, context.RequestAborted) == WebSocketMessageType.Close) break;
                var frame = JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
                _ = Task.Run(() => HandleAsync(client, frame));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            _clients.TryRemove(client.Id, out _);
            if (client.BotId is { } bot) _live.TryRemove(new KeyValuePair<string, Client>(bot, client));
        }
    }

    private async Task HandleAsync(Client client, JsonObject frame)
    {
        var cmd = frame["cmd"]?.GetValue<string>() ?? "";
        var reqId = frame["headers"]?["req_id"]?.GetValue<string>() ?? "";
        var body = frame["body"] is JsonObject b ? JsonDocument.Parse(b.ToJsonString()).RootElement.Clone() : JsonDocument.Parse("{}").RootElement.Clone();
        var answer = cmd switch
        {
            "aibot_subscribe" => Subscribe(client, body),
            "ping" => SwallowPings ? -2 : 0,
            "aibot_respond_msg" => await ReplyAsync(reqId, "msg", body),
            "aibot_respond_welcome_msg" => await ReplyAsync(reqId, "enter_chat", body),
            "aibot_respond_update_msg" => await ReplyAsync(reqId, "template_card_event", body),
            "aibot_send_msg" => FailUnknownChats && !_chatsSeen.ContainsKey(body.GetProperty("chatid").GetString() ?? "") ? 93006 : 0,
            _ => 40008,
        };
        _frames.Enqueue(new ReceivedFrame(client.Id, client.BotId, cmd, reqId, body, answer));
        if (answer == -2) return;
        if (cmd == "aibot_subscribe" && answer == 0) await EvictOthersAsync(client);
        await client.SendAsync(Ack(reqId, answer, answer switch
        {
            0 => "ok",
            853000 => "invalid bot_id or secret",
            846605 => "invalid req_id",
            846608 => "stream message update expired",
            6000 => "more than one callers at the same time, data version conflict",
            93006 => "invalid chatid",
            _ => "error (fake)",
        }));
    }

    private int Subscribe(Client client, JsonElement body)
    {
        var botId = body.TryGetProperty("bot_id", out var b) ? b.GetString() ?? "" : "";
        var secret = body.TryGetProperty("secret", out var s) ? s.GetString() : null;
        if (!_bots.TryGetValue(botId, out var expected) || expected != secret) return 853000; // and, as WeCom, the socket stays open
        client.BotId = botId;
        return 0;
    }

    // A new subscription evicts the bot's previous connection: disconnected_event now, the socket dropped later.
    private async Task EvictOthersAsync(Client client)
    {
        var previous = _live.TryGetValue(client.BotId!, out var p) ? p : null;
        _live[client.BotId!] = client;
        if (previous is null || previous == client) return;
        var eviction = new JsonObject
        {
            ["cmd"] = "aibot_event_callback",
            ["headers"] = new JsonObject { ["req_id"] = string.Create(CultureInfo.InvariantCulture, $"srv_{Interlocked.Increment(ref _sequence)}") },
            ["body"] = new JsonObject
            {
                ["msgid"] = "evict-" + previous.Id, ["aibotid"] = client.BotId, ["msgtype"] = "event",
                ["event"] = new JsonObject { ["eventtype"] = "disconnected_event" },
            },
        };
        try
        {
            await previous.SendAsync(eviction);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
        }

        _ = Task.Delay(EvictedCloseDelay).ContinueWith(_ => previous.Socket.Abort(), TaskScheduler.Default);
    }

    private async Task<int> ReplyAsync(string reqId, string kind, JsonElement body)
    {
        if (!_callbackKinds.TryGetValue(reqId, out var callback) || callback != kind) return 846605;
        if (ExpiredReqIds.ContainsKey(reqId)) return 846608;
        if (body.TryGetProperty("stream", out var stream) && Encoding.UTF8.GetByteCount(stream.GetProperty("content").GetString() ?? "") > 20_480) return 40058;
        if (!_inFlight.TryAdd(reqId, true)) return 6000;
        try
        {
            await Task.Delay(AckDelay);
            return 0;
        }
        finally
        {
            _inFlight.TryRemove(reqId, out _);
        }
    }

    private sealed class Client(int id, WebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public void Dispose() => _sending.Dispose();

        public int Id { get; } = id;

        public WebSocket Socket { get; } = socket;

        public string? BotId { get; set; }

        public async Task SendAsync(JsonObject frame)
        {
            await _sending.WaitAsync();
            try
            {
                await Socket.SendAsync(Utf8(frame), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }
    }
}
