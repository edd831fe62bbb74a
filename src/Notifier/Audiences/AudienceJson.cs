using System.Text.Json.Serialization;

namespace GridService.Notifier.Audiences;

/// <summary>Stored and API form of preferences.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RecipientPreferences))]
internal sealed partial class AudienceJson : JsonSerializerContext;
