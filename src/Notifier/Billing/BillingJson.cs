using System.Text.Json.Serialization;

namespace GridService.Notifier.Billing;

/// <summary>Stored and queued forms of billing records.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PeriodDates))]
[JsonSerializable(typeof(DisconnectionRecord))]
[JsonSerializable(typeof(HeldNotice))]
[JsonSerializable(typeof(Payment))]
[JsonSerializable(typeof(BillPaid))]
[JsonSerializable(typeof(List<HeldNotice>))]
[JsonSerializable(typeof(BillingFailure))]
[JsonSerializable(typeof(SupplyCut))]
internal sealed partial class BillingJson : JsonSerializerContext;
