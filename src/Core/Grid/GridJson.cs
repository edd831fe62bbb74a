using System.Text.Json.Serialization;
using GridService.Core.Domain;

namespace GridService.Core.Grid;

/// <summary>Stored form of reference data: camelCase, enums by name, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Area))]
[JsonSerializable(typeof(Staff))]
[JsonSerializable(typeof(ChatGroup))]
[JsonSerializable(typeof(Customer))]
[JsonSerializable(typeof(Bill))]
[JsonSerializable(typeof(OutageNotice))]
internal sealed partial class GridJson : JsonSerializerContext;
