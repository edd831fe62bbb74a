using System.Text.Json.Serialization;

namespace GridService.Notifier.Notices;

/// <summary>Stored and API forms of the notices feature.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NoticeDetails))]
[JsonSerializable(typeof(NoticeBody))]
[JsonSerializable(typeof(NoticeChangeBody))]
[JsonSerializable(typeof(NoticeView))]
internal sealed partial class NoticeJson : JsonSerializerContext;
