using GridService.Bot.Knowledge.Retrieval;
using GridService.Bot.Knowledge.Rules;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridService.Bot.Knowledge;

/// <summary>
/// Decides answer / escalate / none for one message. Order matters: hazards first (no threshold), then privacy and
/// prompt-injection attempts, complaints, outage reports, voltage, off-topic, requests that need a person, and only
/// then retrieval, whose calibrated confidence must clear the threshold; when unsure the engine escalates (if the
/// message is about power) or stays out. A wrong answer in a group of 500 neighbours is worse than an escalation.
/// </summary>
public sealed class DecisionEngine
{
    internal const string ComplaintReply = "您反映的问题已记录，已转给片区经理处理，会尽快与您联系（一般24小时内）。急事也可拨打95598。";
    internal const string RepairReply = "已收到，已为您转报抢修并通知片区经理，工作人员会尽快联系您、到现场处理。请注意安全，急事请拨打95598（24小时）。";
    internal const string ConsultReply = "这个问题需要工作人员帮您查询处理，已转给片区经理，会尽快回复您。也可拨打95598咨询。";

    private const int MaxDroppedClauses = 3;
    private const int MinClauseChars = 4;

    // A message naming nothing of the power service ("谁家孩子的自行车…") must be clearly one topic to be answered.
    private const double NotPowerAnswerThreshold = 0.75;

    private readonly KnowledgeBase _kb;
    private readonly AnswerComposer _composer;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _contextFree;

    public DecisionEngine(KnowledgeBase kb, TimeProvider? time = null, ILogger<DecisionEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(kb);
        _kb = kb;
        _time = time ?? TimeProvider.System;
        _composer = new AnswerComposer(kb.Options, _time);

        // Without live context the reply of an entry never changes: compose each once, not per message.
        _contextFree = kb.Entries.Where(e => !e.IsOutOfScope).ToDictionary(e => e.Id, e => _composer.Compose(e, AnswerContext.None), StringComparer.Ordinal);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The knowledge base decisions are made from.</summary>
    public KnowledgeBase KnowledgeBase => _kb;

    /// <summary>Decides with no live context (generic answers).</summary>
    public Decision Decide(string text) => Decide(text, AnswerContext.None);

    /// <summary>Decides and, for answers, composes the reply with the area's live data.</summary>
    public Decision Decide(string text, AnswerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = DecideLabel(text, context);
        KnowledgeLog.Decided(_logger, decision.Label, decision.Confidence, decision.Reason ?? string.Empty);
        return decision;
    }

    private Decision DecideLabel(string? text, AnswerContext context)
    {
        string withFiller = _kb.Normalizer.NormalizeKeepFiller(text);
        string t = Text.Filler.Strip(withFiller);
        if (t.Length == 0)
        {
            return new Decision(Decision.None, null, 1, null) { Reason = "empty" };
        }

        if (SafetyRule.Match(t) is { } hazard)
        {
            return new Decision(Decision.Repair, null, 1, SafetyRule.Reply) { Reason = "safety:" + hazard };
        }

        if (NotForBotRule.MatchPrivacy(t) is { } privacy)
        {
            return new Decision(Decision.None, null, 0.95, null) { Reason = "none:" + privacy };
        }

        if (ComplaintRule.Match(t) is { } complaint)
        {
            return new Decision(Decision.Complaint, null, 0.9, ComplaintReply) { Reason = "complaint:" + complaint };
        }

        switch (OutageRule.Classify(t))
        {
            case OutageKindOfMessage.OnlyMyHome:
                return Answer("repair.home-self-check", 0.9, context, "outage:only-my-home");
            case OutageKindOfMessage.OwnChecksFailed:
                return new Decision(Decision.Repair, null, 0.9, RepairReply) { Reason = "outage:checks-failed" };
            case OutageKindOfMessage.PaidStillOff:
                return Answer("billing.payment-not-restored", 0.85, context, "outage:paid-still-off");
            case OutageKindOfMessage.StatusQuestion:
                return Answer("outage.current-status", 0.85, context, "outage:why-or-when");
            case OutageKindOfMessage.AreaWideReport when CoveredByNotice(context):
                return Answer("outage.current-status", 0.85, context, "outage:covered-by-notice");
            case OutageKindOfMessage.AreaWideReport:
                return new Decision(Decision.Repair, null, 0.9, RepairReply) { Reason = "outage:area-wide-report" };
        }

        if (VoltageRule.Match(t))
        {
            return new Decision(Decision.Repair, null, 0.9, RepairReply) { Reason = "voltage" };
        }

        if (NotForBotRule.MatchOffTopic(t, withFiller) is { } offTopic)
        {
            return new Decision(Decision.None, null, 0.9, null) { Reason = "none:" + offTopic };
        }

        if (ConsultRule.Match(t) is { } consult)
        {
            return new Decision(Decision.Consult, null, 0.8, ConsultReply) { Reason = "consult:" + consult };
        }

        return Retrieve(t, context);
    }

    /// <summary>The decision and retrieval's five best entries with their signals, for tuning and <c>ask --explain</c>.</summary>
    public string Explain(string text)
    {
        var decision = Decide(text);
        string t = _kb.Normalizer.Normalize(text);
        var rows = new List<(float Score, string Line)>();
        var result = _kb.Index.Search(t, (e, score, ex, en, kw, cov) => rows.Add((score, string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"  {_kb[e].Id,-34} score {score:0.000}  example {ex:0.000}  entry {en:0.000}  keywords {kw:0.0}  coverage {cov:0.00}"))));
        var lines = rows.OrderByDescending(r => r.Score).Take(5).Select(r => r.Line);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{decision.Label} ({decision.Confidence:0.000}) by {decision.Reason}\n  normalized: {t}\n  retrieval confidence {Scoring.Confidence(result):0.000}\n")
            + string.Join('\n', lines);
    }

    /// <summary>
    /// Retrieval's <paramref name="count"/> best topics for a message, best first, with their raw scores (not the
    /// calibrated confidence). Out-of-scope classes are left out and no rule is applied: this only says which
    /// entries are closest, for a step that may choose among them (the optional LLM). Empty for an empty message.
    /// </summary>
    public IReadOnlyList<(KnowledgeEntry Entry, double Score)> Candidates(string text, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        string t = Text.Filler.Strip(_kb.Normalizer.NormalizeKeepFiller(text));
        if (t.Length == 0)
        {
            return [];
        }

        var scored = new List<(KnowledgeEntry Entry, double Score)>(_kb.Entries.Count);
        _kb.Index.Search(t, (e, score, _, _, _, _) =>
        {
            if (!_kb[e].IsOutOfScope)
            {
                scored.Add((_kb[e], score));
            }
        });
        return [.. scored.OrderByDescending(s => s.Score).Take(count)];
    }

    private Decision Retrieve(string t, AnswerContext context)
    {
        var (result, confidence) = BestReading(t);
        bool power = PowerLexicon.IsPowerRelated(t);
        if (result.Best >= 0 && _kb[result.Best] is { IsOutOfScope: true } reject && confidence >= _kb.Options.AnswerThreshold * 0.8)
        {
            // Closest to questions we know we must not answer: say so rather than answer the runner-up.
            return new Decision(reject.Label!, null, Math.Round(confidence, 3), reject.Label == Decision.Consult ? ConsultReply : null)
            {
                Reason = "retrieval:" + reject.Id,
            };
        }

        double threshold = power ? _kb.Options.AnswerThreshold : Math.Max(_kb.Options.AnswerThreshold, NotPowerAnswerThreshold);
        if (result.Best >= 0 && !_kb[result.Best].IsOutOfScope && confidence >= threshold)
        {
            return Answer(_kb[result.Best].Id, confidence, context, "retrieval");
        }

        // Unsure: a power question goes to a person, anything else is not ours.
        return power
            ? new Decision(Decision.Consult, null, Math.Round(Math.Max(0.5, 1 - confidence), 3), ConsultReply) { Reason = "retrieval:unsure" }
            : new Decision(Decision.None, null, Math.Round(Math.Max(0.5, 1 - confidence), 3), null) { Reason = "retrieval:not-power" };
    }

    /// <summary>
    /// Residents put context first and the question last ("我刚搬来，家里有老人，电费去哪交"), which dilutes the
    /// whole message's similarity. When the whole message leaves retrieval unsure, the message without its leading
    /// clauses is scored too (up to three). A shorter reading may only confirm one of the whole message's two best
    /// topics: alone, a fragment such as "咋回事" or "是不是欠费了" would point anywhere.
    /// </summary>
    private (RetrievalResult Result, double Confidence) BestReading(string t)
    {
        var whole = _kb.Index.Search(t);
        var best = whole;
        double confidence = Scoring.Confidence(whole);
        if (confidence >= _kb.Options.AnswerThreshold)
        {
            return (best, confidence);
        }

        int from = 0;
        for (int tries = 0; tries < MaxDroppedClauses; tries++)
        {
            int space = t.IndexOf(' ', from);
            if (space < 0 || t.Length - space - 1 < MinClauseChars)
            {
                break;
            }

            from = space + 1;
            var candidate = _kb.Index.Search(t.AsSpan(from));
            double c = Scoring.Confidence(candidate);
            if (c > confidence && (candidate.Best == whole.Best || candidate.Best == whole.Second))
            {
                (best, confidence) = (candidate, c);
            }
        }

        return (best, confidence);
    }

    private Decision Answer(string topic, double confidence, AnswerContext context, string reason)
    {
        var entry = _kb.Find(topic);
        if (entry is null)
        {
            // Only a hand-built knowledge base (benchmarks) can lack a topic the rules name.
            return new Decision(Decision.Consult, null, confidence, ConsultReply) { Reason = reason + ":no-entry" };
        }

        string reply = ReferenceEquals(context, AnswerContext.None) ? _contextFree[topic] : _composer.Compose(entry, context);
        return new Decision("answer:" + topic, topic, Math.Round(confidence, 3), reply) { Reason = reason };
    }

    private bool CoveredByNotice(AnswerContext context) =>
        context.Outages is { Count: > 0 } outages && outages.Any(o => o.IsActiveAt(_time.GetUtcNow()));
}
