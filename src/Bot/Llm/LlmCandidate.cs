namespace GridService.Bot.Llm;

/// <summary>One entry the model may answer from: its topic id, title and the reply composed for this message's area.</summary>
public sealed record LlmCandidate(string Id, string Title, string Answer);

/// <summary>What the model answered, parsed but not yet checked against the candidates.</summary>
/// <param name="Decision"><c>answer:&lt;id&gt;</c>, <c>escalate:consult</c> or <c>none</c> as the model wrote it.</param>
/// <param name="Reply">The model's reply text (empty when it escalates or stays out).</param>
public sealed record LlmAdvice(string Decision, string Reply);
