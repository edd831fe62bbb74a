using System.Diagnostics.Metrics;
using GridService.Bot.Knowledge;

namespace GridService.Bot.Pipeline;

/// <summary>The bot's decisions by label (meter <c>GridService.Pipeline</c>).</summary>
public static class PipelineMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "GridService.Pipeline";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "gridservice.decisions", "{decision}", "Decisions on messages addressed to the bot, by label (answer:<topic>, escalate:*, none) and family.");

    /// <summary>Counts one decision.</summary>
    public static void Decided(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Decisions.Add(1, new KeyValuePair<string, object?>("label", decision.Label), new KeyValuePair<string, object?>("family", Decision.Family(decision.Label)));
    }
}
