using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Domain;

namespace GridService.Core.Chat;

/// <summary>Source-generated JSON for what Core stores and queues.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TranscriptEntry))]
[JsonSerializable(typeof(InboundMessage))]
[JsonSerializable(typeof(OutboundMessage))]
[JsonSerializable(typeof(DeliveryRecord))]
[JsonSerializable(typeof(OutageNotice))]
[JsonSerializable(typeof(AiBotPush))]
[JsonSerializable(typeof(AiBotPushResult))]
[JsonSerializable(typeof(Digest.AreaDigestFeed))]
[JsonSerializable(typeof(Billing.DisconnectionReceipt))]
public sealed partial class CoreJson : JsonSerializerContext
{
    /// <summary>
    /// As <see cref="JsonSerializerContext"/> Default but with Chinese text left unescaped: queued messages are a third
    /// of the size (a million reminders hold about 1 GB less in Redis). Safe because queue payloads never reach HTML.
    /// </summary>
    public static CoreJson Compact => s_compact ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    // Made on first use: a static initializer could run before the generated Default exists.
    private static CoreJson? s_compact;
}
