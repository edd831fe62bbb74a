namespace GridService.Bot.Knowledge.Learning;

/// <summary>One labelled question the classifier learns from.</summary>
/// <param name="Text">The question as a resident typed it.</param>
/// <param name="Label">Its decision label (faq-topics.md).</param>
/// <param name="Source">Where it came from (<c>file:line</c>), for error messages and reports.</param>
/// <param name="Style">Who or how it was written (corpus tag), empty for knowledge-base examples.</param>
public sealed record LabelledExample(string Text, string Label, string Source, string Style = "")
{
    /// <summary>Every label the engine may decide: one answer per topic, three escalations and none.</summary>
    public static IReadOnlySet<string> KnownLabels { get; } = FaqTopics.All.Select(t => "answer:" + t)
        .Concat([Decision.Repair, Decision.Complaint, Decision.Consult, Decision.None])
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The knowledge base's own examples: a topic's examples are its answer, an out-of-scope class's its label.</summary>
    public static IEnumerable<LabelledExample> FromKnowledge(IEnumerable<KnowledgeEntry> entries) =>
        entries.SelectMany(e => e.Examples.Select((x, i) =>
            new LabelledExample(x, e.Label ?? "answer:" + e.Id, $"{Path.GetFileName(e.SourceFile)}:{e.Id}#{i + 1}")));
}
