using System.Globalization;
using GridService.Bot.Knowledge.Retrieval;

namespace GridService.Bot.Knowledge.Rules;

/// <summary>
/// The rules engine (<c>Knowledge:Engine rules</c>), unchanged from before the classifier so both can be measured
/// side by side. Order matters: hazards first (no threshold), then privacy and prompt-injection attempts,
/// complaints, outage reports, voltage, off-topic, requests that need a person, and only then retrieval, whose
/// calibrated confidence must clear the threshold; when unsure it escalates (if the message is about power) or
/// stays out.
/// </summary>
internal sealed class RulesDecider(KnowledgeBase kb, AnswerFactory answers, TimeProvider time)
{
    private const int MaxDroppedClauses = 3;
    private const int MinClauseChars = 4;

    // A message naming nothing of the power service ("谁家孩子的自行车…") must be clearly one topic to be answered.
    private const double NotPowerAnswerThreshold = 0.75;

    public Decision Decide(string? text, AnswerContext context)
    {
        string withFiller = kb.Normalizer.NormalizeKeepFiller(text);
        string t = Text.Filler.Strip(withFiller);
        return Decide(t, withFiller, context) with { Basis = t };
    }

    /// <summary>The decision and retrieval's five best entries with their signals.</summary>
    public string Explain(string text)
    {
        var decision = Decide(text, AnswerContext.None);
        string t = kb.Normalizer.Normalize(text);
        var rows = new List<(float Score, string Line)>();
        var result = kb.Index.Search(t, (e, score, ex, en, kw, cov) => rows.Add((score, string.Create(
            CultureInfo.InvariantCulture,
            $"  {kb[e].Id,-34} score {score:0.000}  example {ex:0.000}  entry {en:0.000}  keywords {kw:0.0}  coverage {cov:0.00}"))));
        var lines = rows.OrderByDescending(r => r.Score).Take(5).Select(r => r.Line);
        return string.Create(CultureInfo.InvariantCulture,
            $"{decision.Label} ({decision.Confidence:0.000}) by {decision.Reason} [rules engine]\n  normalized: {t}\n  retrieval confidence {Scoring.Confidence(result):0.000}\n")
            + string.Join('\n', lines);
    }

    private Decision Decide(string t, string withFiller, AnswerContext context)
    {
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
            return new Decision(Decision.Complaint, null, 0.9, DecisionEngine.ComplaintReply) { Reason = "complaint:" + complaint };
        }

        switch (OutageRule.Classify(t))
        {
            case OutageKindOfMessage.OnlyMyHome:
                return answers.Answer("repair.home-self-check", 0.9, context, "outage:only-my-home");
            case OutageKindOfMessage.OwnChecksFailed:
                return new Decision(Decision.Repair, null, 0.9, DecisionEngine.RepairReply) { Reason = "outage:checks-failed" };
            case OutageKindOfMessage.PaidStillOff:
                return answers.Answer("billing.payment-not-restored", 0.85, context, "outage:paid-still-off");
            case OutageKindOfMessage.StatusQuestion:
                return answers.Answer("outage.current-status", 0.85, context, "outage:why-or-when");
            case OutageKindOfMessage.AreaWideReport when CoveredByNotice(context):
                return answers.Answer("outage.current-status", 0.85, context, "outage:covered-by-notice");
            case OutageKindOfMessage.AreaWideReport:
                return new Decision(Decision.Repair, null, 0.9, DecisionEngine.RepairReply) { Reason = "outage:area-wide-report" };
        }

        if (VoltageRule.Match(t))
        {
            return new Decision(Decision.Repair, null, 0.9, DecisionEngine.RepairReply) { Reason = "voltage" };
        }

        if (NotForBotRule.MatchOffTopic(t, withFiller) is { } offTopic)
        {
            return new Decision(Decision.None, null, 0.9, null) { Reason = "none:" + offTopic };
        }

        if (ConsultRule.Match(t) is { } consult)
        {
            return new Decision(Decision.Consult, null, 0.8, DecisionEngine.ConsultReply) { Reason = "consult:" + consult };
        }

        return Retrieve(t, context);
    }

    private Decision Retrieve(string t, AnswerContext context)
    {
        var (result, confidence) = BestReading(t);
        bool power = PowerLexicon.IsPowerRelated(t);
        if (result.Best >= 0 && kb[result.Best] is { IsOutOfScope: true } reject && confidence >= kb.Options.AnswerThreshold * 0.8)
        {
            // Closest to questions we know we must not answer: say so rather than answer the runner-up.
            return new Decision(reject.Label!, null, Math.Round(confidence, 3), reject.Label == Decision.Consult ? DecisionEngine.ConsultReply : null)
            {
                Reason = "retrieval:" + reject.Id,
            };
        }

        double threshold = power ? kb.Options.AnswerThreshold : Math.Max(kb.Options.AnswerThreshold, NotPowerAnswerThreshold);
        if (result.Best >= 0 && !kb[result.Best].IsOutOfScope && confidence >= threshold)
        {
            return answers.Answer(kb[result.Best].Id, confidence, context, "retrieval");
        }

        // Unsure: a power question goes to a person, anything else is not ours.
        return power
            ? new Decision(Decision.Consult, null, Math.Round(Math.Max(0.5, 1 - confidence), 3), DecisionEngine.ConsultReply) { Reason = DecisionEngine.UnsureReason }
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
        var whole = kb.Index.Search(t);
        var best = whole;
        double confidence = Scoring.Confidence(whole);
        if (confidence >= kb.Options.AnswerThreshold)
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
            var candidate = kb.Index.Search(t.AsSpan(from));
            double c = Scoring.Confidence(candidate);
            if (c > confidence && (candidate.Best == whole.Best || candidate.Best == whole.Second))
            {
                (best, confidence) = (candidate, c);
            }
        }

        return (best, confidence);
    }

    private bool CoveredByNotice(AnswerContext context) =>
        context.Outages is { Count: > 0 } outages && outages.Any(o => o.IsActiveAt(time.GetUtcNow()));
}
