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
public sealed partial class CoreJson : JsonSerializerContext;
