using System.Diagnostics.Metrics;
using GridService.Bot.WorkOrders.Sla;

namespace GridService.Bot.WorkOrders;

/// <summary>Escalations into work orders and SLA warnings and breaches (meter <c>GridService.WorkOrders</c>).</summary>
public static class WorkOrderMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "GridService.WorkOrders";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Escalations = Meter.CreateCounter<long>(
        "gridservice.escalations", "{report}", "Escalated reports, by order type, priority and outcome (opened a new order or joined an open one).");

    private static readonly Counter<long> Sla = Meter.CreateCounter<long>(
        "gridservice.sla.events", "{event}", "SLA warnings and breaches acted on, by kind (respond-warn, warn, respond-breach, breach, auto-close).");

    /// <summary>Counts an escalated report.</summary>
    public static void Escalated(WorkOrder order, IntakeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(order);
        Escalations.Add(1,
            new KeyValuePair<string, object?>("type", order.Type.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("priority", order.Priority.ToString().ToLowerInvariant()),
            new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
    }

    /// <summary>Counts an SLA event acted on.</summary>
    public static void SlaEvent(SlaEventKind kind) => Sla.Add(1, new KeyValuePair<string, object?>("kind", kind switch
    {
        SlaEventKind.RespondWarn => "respond-warn",
        SlaEventKind.Warn => "warn",
        SlaEventKind.RespondBreach => "respond-breach",
        SlaEventKind.Breach => "breach",
        _ => "auto-close",
    }));
}
