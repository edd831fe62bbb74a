using GridService.Bot.Knowledge.Conversation;
using GridService.Bot.Knowledge.Policy;
using GridService.Bot.Knowledge.Rules;
using GridService.Bot.Knowledge.Text;

namespace GridService.Bot.Knowledge.Learning;

/// <summary>
/// The learned engine (<c>Knowledge:Engine learned</c>). Policy first, and only policy overrides the model: a hazard
/// always gets the safety wording, an injection attempt or a request for other people's data gets nothing. Then the
/// classifier picks among every label (topics, escalations, none); a topic is answered at or above the answer
/// threshold chosen by cross-validation, an escalation or none is taken at or above the label threshold, and
/// anything less sure is escalated as a consult when it is about power and left alone otherwise. Live checks then
/// compare a named day or place with the area's notices.
/// </summary>
internal sealed partial class LearnedDecider(KnowledgeBase kb, DecisionModel model, AnswerFactory answers, TimeProvider time)
{
    private readonly int _none = model.Classifier.IndexOf(Decision.None);

    public DecisionModel Model => model;

    public Decision Decide(string? text, AnswerContext context, PreviousTurn? previous) =>
        Finish(Assess(text, previous), context, kb.Options.ModelAnswerThreshold, kb.Options.ModelLabelThreshold);

    /// <summary>Policy and model, before thresholds.</summary>
    public Assessment Assess(string? text, PreviousTurn? previous)
    {
        var prepared = PreparedText.From(kb.Normalizer, text);
        string t = prepared.Text;
        if (!t.Any(c => c != ' ' && !NumberMask.IsPlaceholder(c)))
        {
            return PolicyOnly(prepared, new Decision(Decision.None, null, 1, null) { Reason = "empty" });
        }

        if (HazardPolicy.Match(t) is { } hazard)
        {
            return PolicyOnly(prepared, new Decision(Decision.Repair, null, 1, SafetyRule.Reply)
            {
                Reason = "safety:" + hazard,
                Because = $"policy: hazard signal ({SafetyKinds.Describe(hazard)}); safety always wins over the model",
            });
        }

        if (PrivacyPolicy.Match(t) is { } privacy)
        {
            return PolicyOnly(prepared, new Decision(Decision.None, null, 0.95, null)
            {
                Reason = "none:" + privacy,
                Because = privacy == "injection"
                    ? "policy: an attempt to change the bot's instructions or reach its data is never answered"
                    : "policy: other people's personal data is never given out",
            });
        }

        var probabilities = new float[model.Classifier.LabelCount];
        int top = model.Predict(t, prepared.WithFiller, probabilities);
        string basis = t;
        string? followUpOf = null;
        // A short question the model cannot answer alone is read together with the previous turn; one that stands on
        // its own ("那电费怎么交") is a new question and keeps its own topic.
        if (previous is not null && FollowUp.IsCandidate(t) && probabilities[top] < kb.Options.ModelAnswerThreshold)
        {
            string combined = FollowUp.Combine(previous, t);
            var withPrevious = new float[probabilities.Length];
            int combinedTop = model.Predict(combined, combined, withPrevious);
            if (combinedTop != _none && (FollowUp.PointsBack(t) || withPrevious[combinedTop] > probabilities[top]))
            {
                (probabilities, top, basis, followUpOf) = (withPrevious, combinedTop, combined, previous.Label);
            }
        }

        bool power = PowerLexicon.IsPowerRelated(basis) || (_none >= 0 && probabilities[_none] < 0.5f);
        return new Assessment(prepared, basis, null, probabilities, top, power, followUpOf);
    }

    /// <summary>Applies the thresholds, the live checks and the replies.</summary>
    public Decision Finish(Assessment a, AnswerContext context, double answerThreshold, double labelThreshold)
    {
        if (a.Policy is { } policy)
        {
            return policy with { Basis = a.Basis };
        }

        string label = model.Labels[a.Top];
        double p = a.TopProbability;
        string reason = a.FollowUpOf is null ? "model" : "model:follow-up";

        // A follow-up that stays on the topic just answered carries that turn's evidence too: half the bar.
        if (a.FollowUpOf == label)
        {
            answerThreshold *= FollowUp.SameTopicRelief;
        }

        Decision decision;
        if (label.StartsWith("answer:", StringComparison.Ordinal) && p >= answerThreshold)
        {
            decision = answers.Answer(label["answer:".Length..], p, context, reason);
        }
        else if (!label.StartsWith("answer:", StringComparison.Ordinal) && p >= labelThreshold)
        {
            decision = Labelled(label, p, a, reason);
        }
        else
        {
            // Unsure: a power question goes to a person, anything else is not ours. The confidence stays the model's
            // probability of its best label, so every learned decision's confidence means the same thing.
            double confidence = Math.Round(p, 3);
            decision = a.PowerRelated
                ? new Decision(Decision.Consult, null, confidence, DecisionEngine.ConsultReply) { Reason = DecisionEngine.UnsureReason }
                : new Decision(Decision.None, null, confidence, NoneReplies.For(a.Prepared.WithFiller)) { Reason = "model:not-power" };
        }

        decision = LiveCheck(decision, a, context);

        // Biased to safety: a repair the model chose that carries any hazard word gets the safety wording too.
        if (decision.Label == Decision.Repair && decision.Reply == DecisionEngine.RepairReply && HazardPolicy.MatchWeak(a.Prepared.Text) is { } hazard)
        {
            decision = decision with
            {
                Reply = SafetyRule.Reply,
                Confidence = 1,
                Reason = "safety:" + hazard,
                Because = $"policy: the model chose a repair and the message has a hazard word ({SafetyKinds.Describe(hazard)}); safety wording",
            };
        }

        return decision with { Basis = a.Basis };
    }

    private static Decision Labelled(string label, double p, Assessment a, string reason) => label switch
    {
        Decision.None => new Decision(Decision.None, null, Math.Round(p, 3), NoneReplies.For(a.Prepared.WithFiller)) { Reason = reason },
        Decision.Repair => new Decision(Decision.Repair, null, Math.Round(p, 3), DecisionEngine.RepairReply)
        {
            // Area-wide outage reports share one work order per incident (WorkOrderIntake.IncidentOf).
            Reason = OutageRule.Classify(a.Basis) == OutageKindOfMessage.AreaWideReport ? "outage:area-wide-report" : reason,
        },
        Decision.Complaint => new Decision(label, null, Math.Round(p, 3), DecisionEngine.ComplaintReply) { Reason = reason },
        _ => new Decision(label, null, Math.Round(p, 3), DecisionEngine.ConsultReply) { Reason = reason },
    };
}
