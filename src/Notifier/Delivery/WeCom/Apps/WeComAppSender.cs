using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridService.Core.Queues;
using GridService.Notifier.Delivery.WeCom.Api;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom.Apps;

/// <summary>
/// Private messages to staff through a self-built app (<c>message/send</c>): text by default, markdown or a text card
/// for configured kinds, split into marked parts past 2048 bytes. The app is the one the message came through (its
/// reply address), else <c>WeCom:DefaultApp</c>. Each member has GridService's own limit of 30 a minute and 1000 an
/// hour, shared through Redis, because WeCom drops what goes past it without saying so. Errcodes: busy and too fast
/// are retried or waited for; a member outside the app's visible range (81013) dead-letters that message; a refused
/// Secret, AgentId, permission or IP disables the app (every message dead-lettered with the reason until fixed).
/// </summary>
public sealed class WeComAppSender(
    WeComApiClient api,
    IOptionsMonitor<WeComApiOptions> apiOptions,
    IOptionsMonitor<AppMessageOptions> messageOptions,
    SendPipelines pipelines,
    RedisRateLimiter limiter,
    SentMarkers markers,
    AppStates states) : ISender
{
    /// <summary>Channel name.</summary>
    public const string Name = ChannelNames.WeComApp;

    /// <summary>Largest text or markdown content in UTF-8 bytes.</summary>
    public const int ContentLimit = 2048;

    /// <inheritdoc />
    public string Channel => Name;

    /// <inheritdoc />
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.RecipientId is not { Length: > 0 } user)
        {
            throw new PermanentFailureException("A WeCom app message goes to one member; this message has no recipient (group posts need the group's own channel).");
        }

        var app = apiOptions.CurrentValue.AppFor(message.ReplyAddress)
            ?? throw new PermanentFailureException("No WeCom app can send: set WeCom:Apps:<name>:CorpId, Secret and AgentId (and WeCom:DefaultApp when several can).");
        if (await states.DisabledAsync(app) is { } disabled) throw new PermanentFailureException(AppStates.Reason(disabled));

        var options = messageOptions.CurrentValue;
        var card = options.CardKinds.Contains(message.Kind, StringComparer.OrdinalIgnoreCase);
        var markdown = !card && options.MarkdownKinds.Contains(message.Kind, StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<string> parts = card ? [message.Text] : MessageSplitter.Split(message.Text, ContentLimit);
        if (parts.Count == 0) throw new PermanentFailureException("The message text is empty.");
        if (parts.Count > options.MaxParts)
        {
            throw new PermanentFailureException($"The message needs {parts.Count} app messages, more than WeCom:AppMessages:MaxParts ({options.MaxParts}); shorten it.");
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var partId = parts.Count == 1 ? message.Id + "#app" : $"{message.Id}#app{i + 1}/{parts.Count}";
            if (await markers.IsPartSentAsync(partId)) continue;
            var body = Body(app, user, parts[i], card ? "textcard" : markdown ? "markdown" : "text", message, options);
            await SendPartAsync(app, user, partId, body, options, cancellationToken);
            await markers.MarkPartSentAsync(partId);
        }
    }

    // Each request (a retry too) takes a slot of the member's minute and hour windows, and tells both when WeCom
    // answered: WeCom drops what goes past its per-member limits silently, so ours must hold first. The minute window
    // is asked first: a slot taken in one window is spent even when the other makes the page wait, and a spent minute
    // slot holds others back for a minute at most, a spent hour slot for an hour (a burst held by the minute limit
    // used to exhaust the hour).
    private async Task SendPartAsync(WeComApp app, string user, string partId, JsonObject body, AppMessageOptions options, CancellationToken cancellationToken)
    {
        var bucket = $"wecom-app:{app.Fingerprint}:{user}";
        try
        {
            JsonElement answer = default;
            await pipelines.ExecuteAsync("wecom-app:" + app.Fingerprint, async token =>
            {
                var minute = await limiter.AcquireAsync(bucket, partId, new RateLimit(options.PerMemberPerMinute, TimeSpan.FromMinutes(1), options.RateMargin));
                if (!minute.Granted)
                {
                    throw new DeferDeliveryException(minute.Wait, $"rate limit: WeCom drops app messages past {options.PerMemberPerMinute} a minute per member");
                }

                var hour = await limiter.AcquireAsync(bucket + ":h", partId, new RateLimit(options.PerMemberPerHour, TimeSpan.FromHours(1), options.RateMargin));
                if (!hour.Granted)
                {
                    throw new DeferDeliveryException(hour.Wait, $"rate limit: WeCom drops app messages past {options.PerMemberPerHour} an hour per member");
                }

                try
                {
                    answer = await api.PostAsync(app, "message/send", body, token);
                }
                finally
                {
                    await limiter.AnsweredAsync(bucket + ":h", hour);
                    await limiter.AnsweredAsync(bucket, minute);
                }
            }, cancellationToken);
            if (answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("invaliduser", out var invalid)
                && (invalid.GetString() ?? "").Split('|').Contains(user, StringComparer.OrdinalIgnoreCase))
            {
                throw new PermanentFailureException($"{app}: WeCom did not deliver to {Masking.MaskText(user)}: not a member the app can reach (invaliduser).");
            }
        }
        catch (WeComApiException error)
        {
            switch (error.Kind)
            {
                case WeComErrorKind.Throttled:
                    throw new DeferDeliveryException(TimeSpan.FromMinutes(1), $"{app}: {error.Message}; waiting a minute");
                case WeComErrorKind.Recipients:
                    throw new PermanentFailureException($"{app}: {Masking.MaskText(user)} is not a member the app can reach ({error.Code}: {WeComApiErrors.Meaning(error.Code)}); add them to the app's visible range.");
                case WeComErrorKind.Configuration:
                    throw new PermanentFailureException(AppStates.Reason(await states.DisableAsync(app, error)));
                default:
                    throw new PermanentFailureException($"{app}: {error.Message}");
            }
        }
    }

    private static JsonObject Body(WeComApp app, string user, string content, string type, OutboundMessage message, AppMessageOptions options)
    {
        var body = new JsonObject { ["touser"] = user, ["msgtype"] = type, ["agentid"] = app.AgentId };
        body[type] = type switch
        {
            "textcard" => Card(content, message, options),
            _ => new JsonObject { ["content"] = content },
        };
        if (options.DuplicateCheck > TimeSpan.Zero)
        {
            body["enable_duplicate_check"] = 1;
            body["duplicate_check_interval"] = (int)options.DuplicateCheck.TotalSeconds;
        }

        return body;
    }

    // Title: the first line (128 bytes); description: the rest (512 bytes); the link is required by WeCom.
    private static JsonObject Card(string text, OutboundMessage message, AppMessageOptions options)
    {
        var lines = text.Split('\n', 2);
        var description = lines.Length > 1 ? lines[1].Trim() : lines[0];
        return new JsonObject
        {
            ["title"] = Cut(lines[0].Trim(), 128),
            ["description"] = Cut(description, 512),
            ["url"] = options.CardUrl.Replace("{id}", Uri.EscapeDataString(message.Id), StringComparison.Ordinal),
            ["btntxt"] = "详情",
        };
    }

    private static string Cut(string text, int maxBytes)
    {
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
}
