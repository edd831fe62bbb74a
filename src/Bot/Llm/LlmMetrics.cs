using System.Diagnostics.Metrics;

namespace GridService.Bot.Llm;

/// <summary>Calls to the optional LLM and how each ended (meter <c>GridService.Llm</c>).</summary>
public static class LlmMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "GridService.Llm";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(
        "gridservice.llm.calls", "{call}", "LLM consultations, by outcome: used (advice applied or confirmed), rejected (advice failed the checks), fallback (no answer: timeout, open circuit, error; the deterministic decision stands).");

    /// <summary>Counts one consultation.</summary>
    public static void Called(string outcome) => Calls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
