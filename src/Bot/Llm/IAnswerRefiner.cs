using GridService.Bot.Knowledge;

namespace GridService.Bot.Llm;

/// <summary>
/// A step after the deterministic engine that may choose or phrase the answer differently. It returns the decision
/// it was given whenever it has nothing better: safety, complaints, privacy and injection decisions always pass
/// through unchanged.
/// </summary>
public interface IAnswerRefiner
{
    /// <summary>The decision to act on for <paramref name="text"/>, given the engine's <paramref name="decision"/>.</summary>
    Task<Decision> RefineAsync(string text, Decision decision, AnswerContext context, CancellationToken cancellationToken);
}

/// <summary>No LLM configured: the engine's decision is final.</summary>
public sealed class DeterministicRefiner : IAnswerRefiner
{
    public Task<Decision> RefineAsync(string text, Decision decision, AnswerContext context, CancellationToken cancellationToken) =>
        Task.FromResult(decision);
}
