using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// One frame from WeCom: a command (<c>aibot_msg_callback</c>, <c>aibot_event_callback</c>) with its
/// <c>headers.req_id</c> and body, or an acknowledgement of one of ours (no <c>cmd</c>, the same req_id, an errcode).
/// </summary>
/// <param name="Cmd">The command, or null for an acknowledgement.</param>
/// <param name="ReqId">The request id.</param>
/// <param name="ErrCode">The acknowledgement's errcode.</param>
/// <param name="ErrMsg">The acknowledgement's errmsg.</param>
/// <param name="Body">The body (an empty object when absent).</param>
public sealed record AiBotFrame(string? Cmd, string ReqId, int ErrCode, string ErrMsg, JsonElement Body)
{
    /// <summary>A new message for the bot.</summary>
    public const string MessageCallback = "aibot_msg_callback";

    /// <summary>An event (entering the chat, a card click, feedback, eviction).</summary>
    public const string EventCallback = "aibot_event_callback";

    private static readonly JsonElement EmptyBody = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>True for an acknowledgement of a frame we sent.</summary>
    public bool IsAck => Cmd is null;

    /// <summary>Parses one frame; null when it is not a JSON object with a req_id.</summary>
    public static AiBotFrame? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var reqId = root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object
                && headers.TryGetProperty("req_id", out var id) ? id.GetString() : null;
            if (string.IsNullOrEmpty(reqId)) return null;
            return new AiBotFrame(
                root.TryGetProperty("cmd", out var cmd) ? cmd.GetString() : null,
                reqId,
                root.TryGetProperty("errcode", out var code) && code.TryGetInt32(out var c) ? c : 0,
                root.TryGetProperty("errmsg", out var msg) ? msg.GetString() ?? "" : "",
                root.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object ? body.Clone() : EmptyBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The frames GridService sends (wecom-platform.md §1), as UTF-8 JSON text.</summary>
public static class AiBotFrames
{
    /// <summary>Largest stream or markdown content, in UTF-8 bytes.</summary>
    public const int MaxContentBytes = 20_480;

    /// <summary>Subscribe (authenticate).</summary>
    public const string Subscribe = "aibot_subscribe";

    /// <summary>Heartbeat.</summary>
    public const string Ping = "ping";

    /// <summary>A reply on a message's req_id.</summary>
    public const string Respond = "aibot_respond_msg";

    /// <summary>A proactive message.</summary>
    public const string Send = "aibot_send_msg";

    /// <summary>The reply to entering the chat.</summary>
    public const string RespondWelcome = "aibot_respond_welcome_msg";

    /// <summary>The reply to a card click.</summary>
    public const string RespondUpdate = "aibot_respond_update_msg";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A request id as the SDK makes them: <c>{cmd}_{epoch ms}_{8 hex}</c>.</summary>
    public static string NewReqId(string cmd, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return string.Create(CultureInfo.InvariantCulture,
            $"{cmd}_{time.GetUtcNow().ToUnixTimeMilliseconds()}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
    }

    /// <summary><c>aibot_subscribe</c> with the bot's id and secret.</summary>
    public static JsonObject SubscribeFrame(string reqId, string botId, string secret) =>
        Frame(Subscribe, reqId, new JsonObject { ["bot_id"] = botId, ["secret"] = secret });

    /// <summary>A ping (no body).</summary>
    public static JsonObject PingFrame(string reqId) => new() { ["cmd"] = Ping, ["headers"] = new JsonObject { ["req_id"] = reqId } };

    /// <summary>
    /// A whole-answer stream frame on a message's req_id: the content is the full answer (WeCom shows the latest
    /// snapshot), finished at once, with a feedback id so 👍/👎 come back as <c>feedback_event</c>.
    /// </summary>
    public static JsonObject StreamFrame(string reqId, string streamId, string content, string? feedbackId)
    {
        var stream = new JsonObject { ["id"] = streamId, ["finish"] = true, ["content"] = Cut(content, MaxContentBytes) };
        if (feedbackId is not null) stream["feedback"] = new JsonObject { ["id"] = feedbackId };
        return Frame(Respond, reqId, new JsonObject { ["msgtype"] = "stream", ["stream"] = stream });
    }

    /// <summary><c>aibot_send_msg</c> with markdown to a group's chat id or a member's userid.</summary>
    public static JsonObject SendFrame(string reqId, string chatId, bool isGroup, string markdown) =>
        Frame(Send, reqId, new JsonObject
        {
            ["chatid"] = chatId,
            ["chat_type"] = isGroup ? 2 : 1,
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["content"] = Cut(markdown, MaxContentBytes) },
        });

    /// <summary>The 满意/不满意 card of a resolved work order, pushed to the group after its result.</summary>
    public static JsonObject RatingCardFrame(string reqId, string chatId, bool isGroup, string taskId, string orderId) =>
        Frame(Send, reqId, new JsonObject
        {
            ["chatid"] = chatId,
            ["chat_type"] = isGroup ? 2 : 1,
            ["msgtype"] = "template_card",
            ["template_card"] = new JsonObject
            {
                ["card_type"] = "button_interaction",
                ["task_id"] = taskId,
                ["main_title"] = new JsonObject { ["title"] = "工单已办结，请评价", ["desc"] = orderId },
                ["button_list"] = new JsonArray(
                    new JsonObject { ["text"] = "满意", ["style"] = 1, ["key"] = RatingKey(true, orderId) },
                    new JsonObject { ["text"] = "不满意", ["style"] = 2, ["key"] = RatingKey(false, orderId) }),
            },
        });

    /// <summary>The card of one user after their click (<c>aibot_respond_update_msg</c>, within 5 s).</summary>
    public static JsonObject UpdateCardFrame(string reqId, string userId, string taskId, string title) =>
        Frame(RespondUpdate, reqId, new JsonObject
        {
            ["response_type"] = "update_template_card",
            ["userids"] = new JsonArray(userId),
            ["template_card"] = new JsonObject
            {
                ["card_type"] = "text_notice",
                ["task_id"] = taskId,
                ["main_title"] = new JsonObject { ["title"] = title },
            },
        });

    /// <summary>The welcome after <c>enter_chat</c> (text is allowed only here).</summary>
    public static JsonObject WelcomeFrame(string reqId, string text) =>
        Frame(RespondWelcome, reqId, new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = text } });

    /// <summary>A rating button's key: <c>rate:1:GD…</c> (满意) or <c>rate:0:GD…</c>.</summary>
    public static string RatingKey(bool satisfied, string orderId) => $"rate:{(satisfied ? 1 : 0)}:{orderId}";

    /// <summary>Reads a rating button's key; null for any other key.</summary>
    public static (bool Satisfied, string OrderId)? ParseRatingKey(string? key) =>
        key is { Length: > 7 } && key.StartsWith("rate:", StringComparison.Ordinal) && key[5] is '0' or '1' && key[6] == ':'
            ? (key[5] == '1', key[7..])
            : null;

    /// <summary>The frame as UTF-8 bytes.</summary>
    public static byte[] Serialize(JsonObject frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Encoding.UTF8.GetBytes(frame.ToJsonString(Json));
    }

    /// <summary><paramref name="text"/> within <paramref name="maxBytes"/> of UTF-8, cut between characters and marked with an ellipsis.</summary>
    public static string Cut(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > maxBytes - 3) break;
            builder.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }

        return builder.Append('…').ToString();
    }

    private static JsonObject Frame(string cmd, string reqId, JsonObject body) =>
        new() { ["cmd"] = cmd, ["headers"] = new JsonObject { ["req_id"] = reqId }, ["body"] = body };
}
