using System.Collections.Concurrent;
using System.Text.Json;
using GridService.Bot.Channels.WeCom.Protocol;
using GridService.Core.Grid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>One bot's live connection, as the frame handlers see it.</summary>
/// <param name="Name">The bot's configured name.</param>
/// <param name="Bot">Its settings.</param>
/// <param name="Connection">The connection the frame came on.</param>
public sealed record AiBotSession(string Name, WeComAiBotOptions Bot, AiBotConnection Connection);

/// <summary>
/// Frames that come in on a long connection. Messages go into the same inbox, with the same de-duplication by msgid,
/// as the HTTP callbacks (and group messages into the group's transcript); their reply address is the frame's req_id
/// (<see cref="LongConnectionAddress"/>). Voice arrives transcribed and is handled as its text; images in private chat
/// are downloaded and decrypted first (off the receive loop) and travel as attachments. Events: entering the chat gets
/// the welcome; a 满意/不满意 card click is acknowledged on the card and recorded as the rating (as if typed); a 👍/👎
/// is recorded against its reply; <c>disconnected_event</c> ends the connection as evicted.
/// </summary>
public sealed class FrameIngress(
    Inbox inbox,
    Transcript transcript,
    GridDirectory directory,
    PhotoDownloader photos,
    AnswerFeedback feedback,
    IOptionsMonitor<LongConnectionOptions> options,
    TimeProvider time,
    ILogger<FrameIngress> logger)
{
    private readonly ConcurrentDictionary<Task, bool> _background = new();

    /// <summary>Handles one command frame; a frame that cannot be handled is logged, and the connection carries on.</summary>
    public async Task HandleAsync(AiBotSession session, AiBotFrame frame)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(frame);
        try
        {
            await (frame.Cmd switch
            {
                AiBotFrame.MessageCallback => MessageAsync(session, frame),
                AiBotFrame.EventCallback => EventAsync(session, frame),
                _ => Ignore(session, "command " + frame.Cmd),
            });
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException or FormatException or KeyNotFoundException)
        {
            LongConnectionLog.Malformed(logger, session.Name, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>Waits for photo downloads still under way (shutdown).</summary>
    public Task DrainAsync() => Task.WhenAll(_background.Keys);

    private Task Ignore(AiBotSession session, string what)
    {
        LongConnectionLog.NothingToQueue(logger, session.Name, what);
        return Task.CompletedTask;
    }

    private async Task MessageAsync(AiBotSession session, AiBotFrame frame)
    {
        WeComAiBotMessage message;
        try
        {
            message = WeComAiBotCodec.ParseMessage(frame.Body.GetRawText());
        }
        catch (WeComCryptoException ex)
        {
            LongConnectionLog.Malformed(logger, session.Name, ex.Message);
            return;
        }

        var now = time.GetUtcNow();
        var groupId = "";
        if (message.IsGroup)
        {
            if (await ResolveGroupAsync(session, message.ChatId ?? "") is not { } resolved)
            {
                LongConnectionLog.UnboundChat(logger, session.Name, message.MsgId, message.ChatId ?? "", $"WeCom:AiBots:{session.Name}:Groups:{message.ChatId}");
                return;
            }

            groupId = resolved;
        }

        var address = new LongConnectionAddress(session.Name, frame.ReqId, message.IsGroup ? message.ChatId! : message.FromUserId, message.IsGroup, now);
        var inbound = WeComAiBotMapping.ToInbound(message, groupId, NameOf(session), now) with { ReplyAddress = address.Format() };
        var images = (message.Media ?? []).Where(m => m.Kind == "image").ToList();
        if (images.Count > 0 && !message.IsGroup)
        {
            // A download takes a while: the receive loop (and the heartbeat's acknowledgements) must not wait for it.
            Background(async () =>
            {
                var ids = new List<string>();
                foreach (var image in images)
                {
                    if (await photos.FetchAsync(session.Name, image, message.FromUserId, message.MsgId, CancellationToken.None) is { } id) ids.Add(id);
                }

                await QueueAsync(session, inbound with { Attachments = ids }, message);
            });
            return;
        }

        if (string.IsNullOrWhiteSpace(inbound.Text))
        {
            LongConnectionLog.NothingToQueue(logger, session.Name, message.MsgType);
            return;
        }

        await QueueAsync(session, inbound, message);
    }

    private async Task QueueAsync(AiBotSession session, InboundMessage inbound, WeComAiBotMessage message)
    {
        try
        {
            var queued = inbox.EnqueueAsync(inbound);
            var line = inbound.GroupId.Length == 0 ? Task.FromResult(0L) : transcript.AppendAsync(inbound.GroupId, new TranscriptEntry(
                0, "in", inbound.MessageId, inbound.SenderId, message.Content ?? "", null, message.MsgType == "voice" ? "voice" : "text", inbound.SentAt));
            await Task.WhenAll(queued, line);
            if (queued.Result) LongConnectionLog.Queued(logger, session.Name, inbound.MessageId);
            else LongConnectionLog.Duplicate(logger, session.Name, inbound.MessageId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LongConnectionLog.StoreUnavailable(logger, session.Name, ex);
        }
    }

    private async Task EventAsync(AiBotSession session, AiBotFrame frame)
    {
        var body = frame.Body;
        var evt = body.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        var type = evt.ValueKind == JsonValueKind.Object && evt.TryGetProperty("eventtype", out var t) ? t.GetString() ?? "" : "";
        var user = body.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object && from.TryGetProperty("userid", out var u) ? u.GetString() ?? "" : "";
        switch (type)
        {
            case "disconnected_event":
                session.Connection.End(ConnectionEnd.Evicted);
                return;
            case "enter_chat" when options.CurrentValue.Welcome is { Length: > 0 } welcome:
                Background(() => AnswerAsync(session, "enter_chat", frame.ReqId, AiBotFrames.WelcomeFrame(frame.ReqId, welcome)));
                return;
            case "template_card_event":
                await CardClickAsync(session, frame, body, evt, user);
                return;
            case "feedback_event":
                var fb = evt.TryGetProperty("feedback_event", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
                var reasons = fb.ValueKind == JsonValueKind.Object && fb.TryGetProperty("inaccurate_reason_list", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Number).Select(r => r.GetInt32()).ToList()
                    : [];
                var rating = await feedback.RecordAsync(session.Name, user,
                    fb.ValueKind == JsonValueKind.Object && fb.TryGetProperty("id", out var id) ? id.GetString() : null,
                    fb.ValueKind == JsonValueKind.Object && fb.TryGetProperty("type", out var ft) && ft.TryGetInt32(out var n) ? n : 0,
                    fb.ValueKind == JsonValueKind.Object && fb.TryGetProperty("content", out var c) ? c.GetString() : null, reasons, time.GetUtcNow());
                LongConnectionLog.Feedback(logger, session.Name, rating.Rating, rating.ReplyId ?? "?");
                return;
            default:
                LongConnectionLog.IgnoredEvent(logger, session.Name, type);
                return;
        }
    }

    // A 满意/不满意 click: the card changes for the clicker at once (WeCom wants the update within 5 s), and the rating
    // goes through the pipeline exactly as a typed 满意 would, so the order records it and reopens on 不满意.
    private async Task CardClickAsync(AiBotSession session, AiBotFrame frame, JsonElement body, JsonElement evt, string user)
    {
        var click = evt.TryGetProperty("template_card_event", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var key = click.ValueKind == JsonValueKind.Object && click.TryGetProperty("event_key", out var k) ? k.GetString() : null;
        var taskId = click.ValueKind == JsonValueKind.Object && click.TryGetProperty("task_id", out var tid) ? tid.GetString() ?? "" : "";
        if (AiBotFrames.ParseRatingKey(key) is not { } rating || user.Length == 0)
        {
            LongConnectionLog.IgnoredEvent(logger, session.Name, "template_card_event " + (key ?? ""));
            return;
        }

        Background(() => AnswerAsync(session, "template_card_event", frame.ReqId,
            AiBotFrames.UpdateCardFrame(frame.ReqId, user, taskId, rating.Satisfied ? "已收到您的评价：满意，谢谢！" : "已收到您的评价：不满意，我们会重新处理")));
        var chatId = body.TryGetProperty("chatid", out var chat) ? chat.GetString() ?? "" : "";
        if (await ResolveGroupAsync(session, chatId) is not { } groupId) return;
        var msgId = body.TryGetProperty("msgid", out var m) && m.GetString() is { Length: > 0 } mid ? mid : "card-" + frame.ReqId;
        LongConnectionLog.CardRating(logger, session.Name, user, rating.OrderId, rating.Satisfied);
        await QueueAsync(session, new InboundMessage(msgId, WeComChannels.AiBotChannel, groupId, user, user, rating.Satisfied ? "满意" : "不满意",
            MentionsBot: false, QuoteMessageId: null, time.GetUtcNow()), new WeComAiBotMessage(msgId, "", chatId, "group", user, null, "text",
            rating.Satisfied ? "满意" : "不满意", null));
    }

    // Work that waits for WeCom (an acknowledgement, a download) runs beside the receive loop, which delivers those answers.
    private void Background(Func<Task> work)
    {
        var task = Task.Run(work);
        _background.TryAdd(task, true);
        _ = task.ContinueWith(t => _background.TryRemove(t, out _), TaskScheduler.Default);
    }

    // The replies that belong to an event (welcome, card update) must come within 5 s: sent at once, from here.
    private async Task AnswerAsync(AiBotSession session, string what, string reqId, System.Text.Json.Nodes.JsonObject frame)
    {
        try
        {
            var ack = await session.Connection.RequestAsync(reqId, frame, options.CurrentValue.AckTimeout, session.Connection.Closing);
            if (ack.ErrCode != 0) LongConnectionLog.ReplyFailed(logger, session.Name, what, $"errcode {ack.ErrCode} {ack.ErrMsg}");
        }
        catch (Exception ex) when (ex is TimeoutException or System.Net.WebSockets.WebSocketException or OperationCanceledException)
        {
            LongConnectionLog.ReplyFailed(logger, session.Name, what, ex.GetType().Name);
        }
    }

    private async Task<string?> ResolveGroupAsync(AiBotSession session, string chatId)
    {
        if (session.Bot.Groups.TryGetValue(chatId, out var configured)) return configured;
        return chatId.Length > 0 && await directory.GetGroupAsync(chatId) is not null ? chatId : null;
    }

    private static string? NameOf(AiBotSession session) => string.IsNullOrWhiteSpace(session.Bot.BotName) ? null : session.Bot.BotName;
}
