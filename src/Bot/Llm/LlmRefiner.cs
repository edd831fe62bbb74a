using System.Text;
using GridService.Bot.Knowledge;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridService.Bot.Llm;

/// <summary>
/// Offers the model the decisions where it can help and the engine was not sure: an answer below
/// <see cref="LlmOptions.RefineAnswersBelow"/>, or a power question retrieval could not place. Everything else
/// (hazards, other repairs, complaints, privacy and injection attempts, chit-chat, consults by rule, the balance
/// topic) goes out exactly as the engine decided, without a call. The model may pick one of the candidates and
/// phrase it, escalate, or (for an unsure answer) stay out; whatever it says is checked here before it is used.
/// </summary>
public sealed class LlmRefiner : IAnswerRefiner
{
    /// <summary>Prefix of <see cref="Decision.Reason"/> for decisions the model shaped.</summary>
    public const string ReasonPrefix = "llm:";

    // Why a consult is "unsure": retrieval found nothing close enough (DecisionEngine.Retrieve).
    private const string UnsureReason = "retrieval:unsure";

    private readonly DecisionEngine _engine;
    private readonly AnswerComposer _composer;
    private readonly LlmAdvisor _advisor;
    private readonly LlmOptions _options;
    private readonly ILogger _logger;

    public LlmRefiner(DecisionEngine engine, AnswerComposer composer, LlmAdvisor advisor, LlmOptions options, ILogger<LlmRefiner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(composer);
        ArgumentNullException.ThrowIfNull(advisor);
        ArgumentNullException.ThrowIfNull(options);
        _engine = engine;
        _composer = composer;
        _advisor = advisor;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public async Task<Decision> RefineAsync(string text, Decision decision, AnswerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(text) || !Eligible(decision))
        {
            return decision;
        }

        var candidates = Candidates(text, decision, context);
        if (candidates.Count == 0)
        {
            return decision;
        }

        // Customers' phone and account numbers stay with us.
        string masked = AnswerComposer.Mask(text, null);
        var advice = await _advisor.AdviseAsync(masked, decision, candidates, cancellationToken);
        if (advice is null)
        {
            LlmMetrics.Called("fallback");
            return decision;
        }

        var refined = Apply(advice, decision, candidates, context, out string? rejected);
        LlmMetrics.Called(rejected is null ? "used" : "rejected");
        if (rejected is not null)
        {
            LlmLog.Rejected(_logger, rejected, decision.Label);
        }
        else if (!ReferenceEquals(refined, decision))
        {
            LlmLog.Refined(_logger, decision.Label, refined.Label);
        }

        return refined;
    }

    /// <summary>Only unsure answers and unsure power questions; never the personal balance topic.</summary>
    internal bool Eligible(Decision decision) =>
        decision.Topic is { } topic
            ? topic != AnswerComposer.BalanceTopic && decision.Confidence < _options.RefineAnswersBelow
            : decision.Label == Decision.Consult && decision.Reason == UnsureReason && _options.RefineUnsureConsults;

    /// <summary>
    /// Retrieval's best topics with their replies composed for this area, the engine's own topic first when a rule
    /// chose it. Composed without the customer's account or bill: personal data never goes to the model.
    /// </summary>
    private List<LlmCandidate> Candidates(string text, Decision decision, AnswerContext context)
    {
        var publicContext = context with { IsPrivate = false, Customer = null, Bill = null };
        var entries = _engine.Candidates(text, _options.MaxCandidates).Select(c => c.Entry).ToList();
        if (decision.Topic is { } topic && !entries.Any(e => e.Id == topic) && _engine.KnowledgeBase.Find(topic) is { } own)
        {
            entries.Insert(0, own);
            entries = entries.Take(_options.MaxCandidates).ToList();
        }

        return entries
            .Where(e => e.Id != AnswerComposer.BalanceTopic)
            .Select(e => new LlmCandidate(e.Id, e.Title, _composer.Compose(e, publicContext)))
            .ToList();
    }

    private Decision Apply(LlmAdvice advice, Decision decision, List<LlmCandidate> candidates, AnswerContext context, out string? rejected)
    {
        rejected = null;
        const string answerPrefix = "answer:";
        if (advice.Decision.StartsWith(answerPrefix, StringComparison.Ordinal))
        {
            string id = advice.Decision[answerPrefix.Length..];
            var chosen = candidates.Find(c => c.Id == id);
            if (chosen is null)
            {
                rejected = "not-a-candidate";
                return decision;
            }

            rejected = Grounding.Reject(advice.Reply, chosen.Answer, GroundingSource(decision, candidates, context), _options.MaxReplyChars, _options.MinOverlap);
            if (rejected is not null)
            {
                return decision;
            }

            // The engine's confidence is kept: it still measures how well the knowledge base alone knew this message.
            string reply = AnswerComposer.Mask(advice.Reply, context.ManagerPhone);
            return new Decision(advice.Decision, id, decision.Confidence, reply)
            {
                Reason = $"{ReasonPrefix}{(id == decision.Topic ? "rephrased" : "chose")} ({decision.Reason})",
            };
        }

        switch (advice.Decision)
        {
            case Decision.Consult when decision.Label == Decision.Consult:
                return decision;
            case Decision.Consult:
                return new Decision(Decision.Consult, null, decision.Confidence, DecisionEngine.ConsultReply)
                {
                    Reason = $"{ReasonPrefix}escalated ({decision.Reason})",
                };
            case Decision.None when decision.Topic is not null:
                // An unsure answer the model finds no fit for: staying quiet beats a wrong answer.
                return new Decision(Decision.None, null, decision.Confidence, null) { Reason = $"{ReasonPrefix}none ({decision.Reason})" };
            case Decision.None:
                // A power question is never dropped on the model's word; it stays with a person.
                rejected = "none-for-consult";
                return decision;
            default:
                rejected = "unknown-decision";
                return decision;
        }
    }

    /// <summary>Everything the reply may take numbers, links and names from; not the customer's message.</summary>
    private static string GroundingSource(Decision decision, List<LlmCandidate> candidates, AnswerContext context)
    {
        var sb = new StringBuilder();
        foreach (var c in candidates)
        {
            sb.Append(c.Answer).Append('\n');
        }

        sb.Append(decision.Reply).Append('\n')
            .Append(context.ManagerName).Append('\n')
            .Append(context.ManagerPhone).Append('\n')
            .Append(context.ManagerHours).Append('\n')
            .Append(context.AreaName);
        return sb.ToString();
    }
}
