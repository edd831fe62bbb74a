namespace GridService.Bot.Knowledge;

/// <summary>One knowledge-base entry: the answer to one FAQ topic and the ways residents ask for it.</summary>
/// <param name="Id">Topic id from faq-topics.md, e.g. <c>billing.pay-channels</c>.</param>
/// <param name="Title">Short title for operators.</param>
/// <param name="Answer">Answer template; <c>{{name}}</c> placeholders are local facts or live data.</param>
/// <param name="Examples">Questions as residents type them.</param>
/// <param name="Keywords">Words that point at this topic, with a weight (1 = ordinary).</param>
/// <param name="Negative">Words that mean the question is about something else.</param>
/// <param name="SourceFile">The YAML file it came from.</param>
/// <param name="Line">1-based line of the entry in that file.</param>
/// <param name="Label">
/// Null for a topic. For an out-of-scope class (id <c>out-of-scope.*</c>) the decision retrieval returns when it
/// lands there: <c>escalate:consult</c> or <c>none</c>. Such classes have no answer.
/// </param>
public sealed record KnowledgeEntry(
    string Id, string Title, string Answer, IReadOnlyList<string> Examples, IReadOnlyList<WeightedKeyword> Keywords,
    IReadOnlyList<string> Negative, string SourceFile, int Line, string? Label = null)
{
    /// <summary>Prefix of out-of-scope classes: questions like these must not get a topic's answer.</summary>
    public const string OutOfScopePrefix = "out-of-scope.";

    /// <summary>True for an out-of-scope class rather than a topic.</summary>
    public bool IsOutOfScope => Label is not null;
}

/// <summary>A keyword and how strongly it points at its entry.</summary>
public readonly record struct WeightedKeyword(string Text, double Weight);
