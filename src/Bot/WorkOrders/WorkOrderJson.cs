using System.Text.Json.Serialization;
using GridService.Bot.WorkOrders.Sla;

namespace GridService.Bot.WorkOrders;

/// <summary>Source-generated JSON for stored orders and queued watchdog events.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkOrder))]
[JsonSerializable(typeof(SlaEvent))]
internal sealed partial class WorkOrderJson : JsonSerializerContext;
