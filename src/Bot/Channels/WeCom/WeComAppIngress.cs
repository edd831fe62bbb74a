using System.Globalization;
using GridService.Bot.Channels.WeCom.Protocol;
using StackExchange.Redis;

namespace GridService.Bot.Channels.WeCom;

/// <summary>
/// <c>/wecom/app/{name}</c>: a self-built app's callback (XML), through which staff write to the bot in private, e.g.
/// an area manager sending a command. Text messages are queued once per MsgId and acknowledged with an empty 200 at
/// once (WeCom retries after 5 s); the pipeline's reply leaves on channel <c>wecom-app</c> with the app's name as its
/// reply address.
/// </summary>
public sealed class WeComAppIngress(WeComChannels channels, Inbox inbox, TimeProvider time, ILogger<WeComAppIngress> logger)
{
    private const string Kind = "app";

    /// <summary>GET: the URL check.</summary>
    public IResult Verify(string name, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (channels.App(name) is not { } app) return Unknown(name, request);
        return WeComCallbackSteps.VerifyUrl(Kind, app.Name, app.Crypto, request, channels.Options, time, logger);
    }

    /// <summary>POST: one encrypted message or event.</summary>
    public async Task<IResult> ReceiveAsync(string name, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (channels.App(name) is not { } app) return Unknown(name, request);
        var (message, refusal) = await WeComCallbackSteps.OpenAsync(Kind, app.Name, app.Crypto, request, channels.Options, time, logger,
            static (crypto, body, q, max) => WeComAppCodec.DecryptMessage(crypto, body, q.Signature, q.Timestamp, q.Nonce, max));
        if (refusal is not null) return refusal;

        // Events (entering the app, menu clicks) and media carry nothing the pipeline answers; acknowledging stops retries.
        if (message!.MsgType != "text" || string.IsNullOrWhiteSpace(message.Content))
        {
            WeComLog.NothingToQueue(logger, Kind, app.Name, message.Event is { } e ? $"{message.MsgType}/{e}" : message.MsgType);
            return WeComCallbackRequest.Acknowledge();
        }

        var inbound = WeComAppMapping.ToInbound(message, app.Name);
        try
        {
            if (await inbox.EnqueueAsync(inbound)) WeComLog.Queued(logger, Kind, app.Name, inbound.MessageId);
            else WeComLog.Duplicate(logger, Kind, app.Name, inbound.MessageId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            WeComLog.StoreUnavailable(logger, Kind, app.Name, ex);
            return WeComCallbackRequest.StoreUnavailable();
        }

        return WeComCallbackRequest.Acknowledge();
    }

    private IResult Unknown(string name, HttpRequest request)
    {
        WeComLog.UnknownName(logger, WeComCallbackRequest.Remote(request), Kind, name);
        return WeComCallbackRequest.Unknown(Kind, name);
    }
}

/// <summary>How an app message becomes an <see cref="InboundMessage"/>.</summary>
public static class WeComAppMapping
{
    /// <summary>
    /// A private inbound message (empty group) on channel <c>wecom-app</c> from the sender's userid. Its id is the
    /// MsgId; without one (events) WeCom's advice is FromUserName + CreateTime. The reply address is the app's name,
    /// which a sender of app messages needs to pick the app's credentials.
    /// </summary>
    public static InboundMessage ToInbound(WeComAppMessage message, string appName)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new InboundMessage(
            MessageIdOf(message), WeComChannels.AppChannel, "", message.FromUserName, message.FromUserName, message.Content ?? "",
            MentionsBot: true, QuoteMessageId: null, DateTimeOffset.FromUnixTimeSeconds(message.CreateTime), appName);
    }

    /// <summary>The de-duplication id: MsgId, or FromUserName-CreateTime for events.</summary>
    public static string MessageIdOf(WeComAppMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.MsgId ?? message.FromUserName + "-" + message.CreateTime.ToString(CultureInfo.InvariantCulture);
    }
}
