using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.Webhooks;

/// <summary>Where one signed webhook channel posts (<c>Bridge:OutboundUrl</c>/<c>Bridge:Secret</c>, <c>Sms:Url</c>/<c>Sms:Secret</c>).</summary>
public sealed class WebhookTarget
{
    /// <summary>The gateway URL; empty: the channel is not configured and its messages are dead-lettered saying so.</summary>
    public string Url { get; set; } = "";

    /// <summary>The HMAC secret shared with the gateway.</summary>
    public string Secret { get; set; } = "";
}

/// <summary>What a signed webhook posts.</summary>
public sealed record WebhookPayload(
    string Id, string Channel, string GroupId, string? RecipientId, string Text, string Kind, string? ReplyTo, DateTimeOffset CreatedAt)
{
    /// <summary>The payload of <paramref name="message"/>.</summary>
    public static WebhookPayload From(OutboundMessage message) =>
        new(message.Id, message.Channel, message.GroupId, message.RecipientId, message.Text, message.Kind, message.ReplyTo, message.CreatedAt);
}

/// <summary>
/// The outbound twin of the signed bridge, for an existing WeChat bridge or an SMS platform: <c>POST</c> of
/// <see cref="WebhookPayload"/> as JSON with <c>X-GridService-Timestamp: &lt;Unix seconds&gt;</c> and
/// <c>X-GridService-Signature: sha256=&lt;hex HMAC-SHA256 of timestamp + "." + body&gt;</c> (the inbound bridge's scheme) and <c>Idempotency-Key: &lt;message id&gt;</c>, so a gateway that remembers keys
/// delivers a repeated post once. 2xx is delivered; 408, 409, 429 and 5xx are retried (Retry-After honoured);
/// any other answer is permanent and its body becomes the dead-letter reason.
/// </summary>
public sealed class SignedWebhookSender(
    string channel, string urlSetting, IOptionsMonitor<WebhookTarget> targets, IHttpClientFactory clients, SendPipelines pipelines,
    TimeProvider time) : ISender
{
    /// <summary>Channel of the generic bridge.</summary>
    public const string Bridge = ChannelNames.Bridge;

    /// <summary>Channel of the SMS gateway.</summary>
    public const string Sms = ChannelNames.Sms;

    /// <summary>Header carrying the idempotency key.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <inheritdoc />
    public string Channel => channel;

    /// <inheritdoc />
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var target = targets.Get(channel);
        if (target.Url.Length == 0) throw new PermanentFailureException($"No {channel} gateway is configured: set {urlSetting}.");
        var body = JsonSerializer.SerializeToUtf8Bytes(WebhookPayload.From(message), WebhookJson.Default.WebhookPayload);
        var endpoint = $"{channel} gateway";
        await pipelines.ExecuteAsync($"{channel}:{target.Url}", async token =>
        {
            // Signed per attempt: a retry carries a fresh timestamp, so the gateway's replay window never refuses it.
            var timestamp = BridgeSignature.Timestamp(time.GetUtcNow());
            var signature = BridgeSignature.Sign(target.Secret, timestamp, body);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = content };
            request.Headers.Add(BridgeSignature.TimestampHeader, timestamp);
            request.Headers.Add(BridgeSignature.Header, signature);
            request.Headers.Add(IdempotencyHeader, message.Id);
            using var response = await clients.CreateClient(HttpOutcome.ClientName).SendAsync(request, token);
            await HttpOutcome.ThrowIfFailedAsync(response, endpoint, time, token);
        }, cancellationToken);
    }
}

/// <summary>Source-generated JSON of the webhook body (camelCase, nulls kept so the shape is fixed).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WebhookPayload))]
public sealed partial class WebhookJson : JsonSerializerContext;
