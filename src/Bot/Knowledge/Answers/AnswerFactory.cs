namespace GridService.Bot.Knowledge;

/// <summary>
/// Makes answer decisions for both engines: the entry's reply composed for the area, or, without live context,
/// the reply composed once at start (an entry's generic reply never changes).
/// </summary>
internal sealed class AnswerFactory
{
    private readonly KnowledgeBase _kb;
    private readonly AnswerComposer _composer;
    private readonly Dictionary<string, string> _contextFree;

    public AnswerFactory(KnowledgeBase kb, AnswerComposer composer)
    {
        _kb = kb;
        _composer = composer;
        _contextFree = kb.Entries.Where(e => !e.IsOutOfScope).ToDictionary(e => e.Id, e => composer.Compose(e, AnswerContext.None), StringComparer.Ordinal);
    }

    public Decision Answer(string topic, double confidence, AnswerContext context, string reason)
    {
        var entry = _kb.Find(topic);
        if (entry is null || entry.IsOutOfScope)
        {
            // Only a hand-built knowledge base (benchmarks) can lack a topic a rule or the model names.
            return new Decision(Decision.Consult, null, confidence, DecisionEngine.ConsultReply) { Reason = reason + ":no-entry" };
        }

        string reply = ReferenceEquals(context, AnswerContext.None) ? _contextFree[topic] : _composer.Compose(entry, context);
        return new Decision("answer:" + topic, topic, Math.Round(confidence, 3), reply) { Reason = reason };
    }
}
