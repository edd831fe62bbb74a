using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using GridService.Core.Grid;
using GridService.Core.Queues;

namespace GridService.Notifier.Delivery;

/// <summary>
/// Replies to WeCom AI-bot (智能机器人) messages by posting markdown to the message's response_url (its
/// <see cref="OutboundMessage.ReplyAddress"/>), which WeCom accepts once within an hour. When the URL has expired,
/// was used, or WeCom refuses it, the reply goes to the group through the group's own channel (its robot) instead;
/// a reply with nowhere else to go is dead-lettered with the reason. Transient failures (timeouts, 5xx, WeCom busy)
/// throw, so the delivery worker retries them.
/// </summary>
public sealed partial class WeComAiBotSender(
    IHttpClientFactory clients, ReplyAddresses urls, GridDirectory directory, Outbox outbox, AiBotRouting routing, WeCom.AiBotPushSender pushes,
    ILogger<WeComAiBotSender> logger)
    : ISender
{
    /// <summary>Channel name.</summary>
    public const string Name = ChannelNames.WeComAiBot;

    /// <summary>Name of the <see cref="HttpClient"/> it posts with.</summary>
    public const string HttpClientName = "wecom-aibot";

    /// <summary>Largest markdown content posted; longer replies are cut at a character boundary with an ellipsis.</summary>
    public const int MaxContentBytes = 20_480;

    // WeCom's "system busy" and "API frequency out of limit": worth another try while the URL lasts.
    private static readonly int[] TransientErrorCodes = [-1, 45009];

    // Chinese as UTF-8 rather than \u escapes: WeCom asks for UTF-8 content, and logs and fakes stay readable.
    private static readonly JsonSerializerOptions BodyJson = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        TypeInfoResolver = AiBotSenderJson.Default,
    };

    /// <inheritdoc />
    public string Channel => Name;

    /// <inheritdoc />
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);

        // On a long connection: a reply on the frame's req_id, or a push to the chat, through the connection's holder.
        if (LongConnectionAddress.TryParse(message.ReplyAddress, out var address))
        {
            await pushes.SendReplyAsync(message, address!, cancellationToken);
            return;
        }

        if (message.ReplyAddress is null && LongConnectionTarget(message) is { } push)
        {
            await pushes.PushAsync(message, push.Bot, push.ChatId, push.IsGroup, cancellationToken);
            return;
        }

        if (message.ReplyAddress is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            await FallBackAsync(message, "it has no usable response_url");
            return;
        }

        switch (await urls.ClaimAsync(url, message.Id))
        {
            case ReplyUrlClaim.Expired:
                await FallBackAsync(message, "its response_url is more than an hour old");
                return;
            case ReplyUrlClaim.Used:
                await FallBackAsync(message, "its response_url was already used by another reply");
                return;
        }

        var body = JsonSerializer.Serialize(new AiBotReplyBody("markdown", new AiBotMarkdown(Cut(message.Text, MaxContentBytes))), BodyJson);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await clients.CreateClient(HttpClientName).PostAsync(uri, content, cancellationToken);
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
        {
            throw new HttpRequestException($"WeCom answered HTTP {status} to reply {message.Id}.", null, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            await FallBackAsync(message, $"WeCom refused its response_url with HTTP {status}");
            return;
        }

        var answer = await ReadAnswerAsync(response, cancellationToken);
        if (answer?.ErrCode is not { } code)
        {
            throw new HttpRequestException($"WeCom's answer to reply {message.Id} is not the expected JSON.");
        }

        if (code == 0) return;
        if (TransientErrorCodes.Contains(code))
        {
            throw new HttpRequestException($"WeCom is busy (errcode {code}) for reply {message.Id}.");
        }

        await FallBackAsync(message, $"WeCom refused its response_url with errcode {code} ({Cut(answer.ErrMsg ?? "", 200)})");
    }

    // A notice or a private message with no reply address goes by push when a long-connection bot serves its chat.
    private (string Bot, string ChatId, bool IsGroup)? LongConnectionTarget(OutboundMessage message)
    {
        if (message.GroupId.Length > 0) return routing.LongConnectionFor(message.GroupId) is { } g ? (g.Bot, g.ChatId, true) : null;
        return message.RecipientId is { Length: > 0 } user && routing.LongConnectionBots.Count > 0 ? (routing.LongConnectionBots[0], user, false) : null;
    }

    private async Task FallBackAsync(OutboundMessage message, string reason)
    {
        var group = message.GroupId.Length == 0 ? null : await directory.GetGroupAsync(message.GroupId);
        if (group is null || string.IsNullOrEmpty(group.Channel) || group.Channel.Equals(Name, StringComparison.OrdinalIgnoreCase))
        {
            var nowhere = message.GroupId.Length == 0 ? "a private reply has no other way to the person"
                : group is null ? $"group {message.GroupId} is unknown"
                : $"group {group.Id} has no other channel (its channel is '{group.Channel}')";
            throw new PermanentFailureException($"Reply {message.Id} was not delivered: {reason}, and {nowhere}.");
        }

        // A new id of its own, derived from the reply's, so a retried fallback is queued once.
        await outbox.EnqueueAsync(message with { Id = message.Id + "-fallback", Channel = group.Channel, ReplyAddress = null });
        Log.FellBack(logger, message.Id, reason, group.Id, group.Channel);
    }

    private static async Task<AiBotAnswer?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(AiBotSenderJson.Default.AiBotAnswer, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><paramref name="text"/> within <paramref name="maxBytes"/> of UTF-8, cut between characters and marked with an ellipsis.</summary>
    internal static string Cut(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return text;
        const char ellipsis = '…';
        var budget = maxBytes - 3; // the ellipsis is 3 bytes of UTF-8
        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget) break;
            builder.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }

        return builder.Append(ellipsis).ToString();
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.WeCom + 51, LogLevel.Warning, "Reply {MessageId} could not use its response_url ({Reason}); posted to group {GroupId} via {Channel} instead")]
        public static partial void FellBack(ILogger logger, string messageId, string reason, string groupId, string channel);
    }
}

/// <summary>Registers the AI-bot reply sender.</summary>
public static class WeComAiBotSenderRegistration
{
    /// <summary>The sender, its response_url ledger and its HTTP client (10 s timeout; the worker retries).</summary>
    public static IServiceCollection AddWeComAiBotSender(this IServiceCollection services)
    {
        // No request logging: the request URI is the response_url, a credential for posting into the chat.
        services.AddHttpClient(WeComAiBotSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();
        services.AddSingleton<WeCom.AiBotPushSender>();
        services.AddSingleton<ISender, WeComAiBotSender>();
        return services;
    }
}

internal sealed record AiBotReplyBody(
    [property: JsonPropertyName("msgtype")] string MsgType, [property: JsonPropertyName("markdown")] AiBotMarkdown Markdown);

internal sealed record AiBotMarkdown([property: JsonPropertyName("content")] string Content);

internal sealed record AiBotAnswer([property: JsonPropertyName("errcode")] int? ErrCode, [property: JsonPropertyName("errmsg")] string? ErrMsg);

[JsonSerializable(typeof(AiBotReplyBody))]
[JsonSerializable(typeof(AiBotAnswer))]
internal sealed partial class AiBotSenderJson : JsonSerializerContext;
