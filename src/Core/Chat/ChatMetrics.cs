using System.Diagnostics.Metrics;

namespace GridService.Core.Chat;

/// <summary>
/// Messages in and out by channel and delivery state changes by state and channel (meter <c>GridService.Chat</c>).
/// Counted where every channel meets: the inbox, the outbox and the delivery status records.
/// </summary>
public static class ChatMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "GridService.Chat";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> In = Meter.CreateCounter<long>(
        "gridservice.messages.in", "{message}", "Inbound messages accepted (duplicates not counted), by channel.");

    private static readonly Counter<long> Out = Meter.CreateCounter<long>(
        "gridservice.messages.out", "{message}", "Outbound messages queued for delivery (repeats not counted), by channel.");

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "gridservice.deliveries", "{record}", "Delivery status changes, by state (queued, deferred, retrying, sent, dead, skipped) and channel.");

    /// <summary>Counts an inbound message.</summary>
    public static void MessageIn(string channel) => In.Add(1, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>Counts outbound messages queued on <paramref name="channel"/>.</summary>
    public static void MessagesOut(string channel, int count = 1) => Out.Add(count, new KeyValuePair<string, object?>("channel", channel));

    /// <summary>Counts a delivery record written in <paramref name="state"/>.</summary>
    public static void Delivery(DeliveryState state, string channel, int count = 1) =>
        Deliveries.Add(count, new KeyValuePair<string, object?>("state", state.ToString().ToLowerInvariant()), new KeyValuePair<string, object?>("channel", channel));
}
