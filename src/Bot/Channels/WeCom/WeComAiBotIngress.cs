using GridService.Core.Grid;
using GridService.Bot.Channels.WeCom.Protocol;
using StackExchange.Redis;

namespace GridService.Bot.Channels.WeCom;

/// <summary>
/// <c>/wecom/aibot/{name}</c>: the 智能机器人 (AI bot) callback. A text message is verified, decrypted, queued once per
/// msgid and acknowledged with an empty 200 before anything is decided; the answer is posted later to the message's
/// response_url by the Notifier. Group messages are also written to the group's transcript for operators.
/// </summary>
public sealed class WeComAiBotIngress(
    WeComChannels channels,
    Inbox inbox,
    Transcript transcript,
    GridDirectory directory,
    ReplyAddresses replyUrls,
    TimeProvider time,
    ILogger<WeComAiBotIngress> logger)
{
    private const string Kind = "AI bot";

    /// <summary>GET: the URL check.</summary>
    public IResult Verify(string name, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (channels.AiBot(name) is not { } bot) return Unknown(name, request);
        return WeComCallbackSteps.VerifyUrl(Kind, bot.Name, bot.Crypto, request, channels.Options, time, logger);
    }

    /// <summary>POST: one encrypted callback.</summary>
    public async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (channels.AiBot(name) is not { } bot) return Unknown(name, request);
        var (message, refusal) = await WeComCallbackSteps.OpenAsync(Kind, bot.Name, bot.Crypto, request, channels.Options, time, logger,
            static (crypto, body, q, max) => WeComAiBotCodec.DecryptMessage(crypto, body, q.Signature, q.Timestamp, q.Nonce, max));
        if (refusal is not null) return refusal;

        // Events, stream refreshes, images and files: acknowledged so WeCom does not retry. Text is answered, and so is
        // voice (it arrives transcribed) and the text of a mixed message.
        if (message!.MsgType is not ("text" or "voice" or "mixed") || string.IsNullOrWhiteSpace(message.Content))
        {
            WeComLog.NothingToQueue(logger, Kind, bot.Name, message.MsgType);
            return WeComCallbackRequest.Acknowledge();
        }

        try
        {
            return await QueueAsync(bot, message);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            WeComLog.StoreUnavailable(logger, Kind, bot.Name, ex);
            return WeComCallbackRequest.StoreUnavailable();
        }
    }

    private async Task<IResult> QueueAsync(WeComAiBot bot, WeComAiBotMessage message)
    {
        var groupId = "";
        if (message.IsGroup)
        {
            if (await ResolveGroupAsync(bot, message.ChatId ?? "") is not { } resolved)
            {
                WeComLog.UnboundChat(logger, bot.Name, message.MsgId, message.ChatId ?? "", $"WeCom:AiBots:{bot.Name}:Groups:{message.ChatId}");
                return WeComCallbackRequest.Acknowledge();
            }

            groupId = resolved;
        }

        var now = time.GetUtcNow();
        var inbound = WeComAiBotMapping.ToInbound(message, groupId, bot.BotName, now);

        // Issued together: one round trip's wait. The URL is recorded before the message can be handled; the
        // transcript keeps each message id once, so a retry that was not queued again adds no line either.
        var record = message.ResponseUrl is { Length: > 0 } url ? replyUrls.RecordAsync(url) : Task.CompletedTask;
        var queued = inbox.EnqueueAsync(inbound);
        var line = groupId.Length == 0 ? Task.FromResult(0L) : transcript.AppendAsync(groupId, new TranscriptEntry(
            0, "in", inbound.MessageId, inbound.SenderId, message.Content ?? "", null, "text", now));
        await Task.WhenAll(record, queued, line);

        if (queued.Result) WeComLog.Queued(logger, Kind, bot.Name, inbound.MessageId);
        else WeComLog.Duplicate(logger, Kind, bot.Name, inbound.MessageId);
        return WeComCallbackRequest.Acknowledge();
    }

    private async Task<string?> ResolveGroupAsync(WeComAiBot bot, string chatId)
    {
        if (bot.Groups.TryGetValue(chatId, out var configured)) return configured;
        return chatId.Length > 0 && await directory.GetGroupAsync(chatId) is not null ? chatId : null;
    }

    private IResult Unknown(string name, HttpRequest request)
    {
        WeComLog.UnknownName(logger, WeComCallbackRequest.Remote(request), Kind, name);
        return WeComCallbackRequest.Unknown(Kind, name);
    }
}

/// <summary>How an AI-bot message becomes an <see cref="InboundMessage"/>.</summary>
public static class WeComAiBotMapping
{
    /// <summary>
    /// The inbound message: msgid, channel <c>wecom-aibot</c>, the group (empty in a single chat), the sender's userid,
    /// the text without the leading @mention, and the response_url as the reply address.
    /// </summary>
    public static InboundMessage ToInbound(WeComAiBotMessage message, string groupId, string? botName, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new InboundMessage(
            message.MsgId, WeComChannels.AiBotChannel, groupId, message.FromUserId, message.FromUserId,
            message.TextWithoutMention(botName),
            MentionsBot: true, // WeCom forwards only group messages that @ the bot, and single chats are private
            QuoteMessageId: null, receivedAt, message.ResponseUrl);
    }
}
