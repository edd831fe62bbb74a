using GridService.Bot.Knowledge.Learning;
using GridService.Bot.Knowledge.Rules;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridService.Bot.Knowledge;

/// <summary>
/// Decides answer / escalate / none for one message with the engine <see cref="KnowledgeOptions.Engine"/> selects:
/// the learned engine (a classifier trained at start-up, under safety and privacy policy) or the rules engine kept
/// for comparison. Either way a hazard gets the safety wording first, and when unsure the engine escalates a power
/// question or stays out: a wrong answer in a group of 500 neighbours is worse than an escalation.
/// </summary>
public sealed class DecisionEngine
{
    internal const string ComplaintReply = "您反映的问题已记录，已转给片区经理处理，会尽快与您联系（一般24小时内）。急事也可拨打95598。";
    internal const string RepairReply = "已收到，已为您转报抢修并通知片区经理，工作人员会尽快联系您、到现场处理。请注意安全，急事请拨打95598（24小时）。";
    internal const string ConsultReply = "这个问题需要工作人员帮您查询处理，已转给片区经理，会尽快回复您。也可拨打95598咨询。";

    /// <summary>
    /// Reason of a consult made because the engine was unsure; the optional LLM may refine exactly these
    /// (<c>LlmRefiner</c>). The name predates the classifier and is kept as that contract.
    /// </summary>
    internal const string UnsureReason = "retrieval:unsure";

    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    // Everything decided from one knowledge base, replaced as a whole when reviewed additions arrive (Use).
    private Deciders _current;

    public DecisionEngine(KnowledgeBase kb, TimeProvider? time = null, ILogger<DecisionEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(kb);
        _time = time ?? TimeProvider.System;
        _current = new Deciders(kb, _time);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The knowledge base decisions are made from.</summary>
    public KnowledgeBase KnowledgeBase => Current.Kb;

    /// <summary>Which engine decides.</summary>
    public DecisionEngineKind Kind => Current.Learned is null ? DecisionEngineKind.Rules : DecisionEngineKind.Learned;

    /// <summary>The learned engine's model (waits for training), null for the rules engine.</summary>
    public DecisionModel? Model => Current.Learned?.Value.Model;

    internal LearnedDecider? Learned => Current.Learned?.Value;

    private Deciders Current => Volatile.Read(ref _current);

    /// <summary>
    /// Decides from <paramref name="kb"/> from now on (the knowledge base with the console's reviewed additions).
    /// Train its model first (<see cref="KnowledgeBase.Model"/>): a message arriving meanwhile is decided by the
    /// knowledge base in force, never made to wait.
    /// </summary>
    public void Use(KnowledgeBase kb)
    {
        ArgumentNullException.ThrowIfNull(kb);
        Volatile.Write(ref _current, new Deciders(kb, _time));
    }

    /// <summary>Decides with no live context (generic answers).</summary>
    public Decision Decide(string text) => Decide(text, AnswerContext.None);

    /// <summary>Decides and, for answers, composes the reply with the area's live data.</summary>
    public Decision Decide(string text, AnswerContext context) => Decide(text, context, null);

    /// <summary>
    /// Decides a message that may follow up <paramref name="previous"/> (the same sender's last turn in this chat,
    /// a few minutes old at most). The rules engine ignores the previous turn.
    /// </summary>
    public Decision Decide(string text, AnswerContext context, PreviousTurn? previous)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = Current;
        var decision = current.Learned is null ? current.Rules.Decide(text, context) : current.Learned.Value.Decide(text, context, previous);
        KnowledgeLog.Decided(_logger, decision.Label, decision.Confidence, decision.Reason ?? string.Empty);
        return decision;
    }

    /// <summary>The decision and the signals behind it, for tuning and <c>ask --explain</c>.</summary>
    public string Explain(string text, AnswerContext? context = null, PreviousTurn? previous = null)
    {
        var current = Current;
        return current.Learned is null ? current.Rules.Explain(text) : current.Learned.Value.Explain(text, context ?? AnswerContext.None, previous);
    }

    /// <summary>
    /// Retrieval's <paramref name="count"/> best topics for a message, best first, with their raw scores (not a
    /// calibrated confidence). Out-of-scope classes are left out and no rule is applied: this only says which
    /// entries are closest, for a step that may choose among them (the optional LLM). Empty for an empty message.
    /// </summary>
    public IReadOnlyList<(KnowledgeEntry Entry, double Score)> Candidates(string text, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var kb = KnowledgeBase;
        string t = Text.Filler.Strip(kb.Normalizer.NormalizeKeepFiller(text));
        if (t.Length == 0)
        {
            return [];
        }

        var scored = new List<(KnowledgeEntry Entry, double Score)>(kb.Entries.Count);
        kb.Index.Search(t, (e, score, _, _, _, _) =>
        {
            if (!kb[e].IsOutOfScope)
            {
                scored.Add((kb[e], score));
            }
        });
        return [.. scored.OrderByDescending(s => s.Score).Take(count)];
    }

    private sealed class Deciders
    {
        public Deciders(KnowledgeBase kb, TimeProvider time)
        {
            Kb = kb;
            var answers = new AnswerFactory(kb, new AnswerComposer(kb.Options, time));
            Rules = new RulesDecider(kb, answers, time);

            // Built on first use, so that an engine made before the model is needed (the CLI, tests) does not train it early.
            Learned = kb.Options.Engine == DecisionEngineKind.Learned ? new Lazy<LearnedDecider>(() => new LearnedDecider(kb, kb.Model, answers, time)) : null;
        }

        public KnowledgeBase Kb { get; }

        public RulesDecider Rules { get; }

        public Lazy<LearnedDecider>? Learned { get; }
    }
}
