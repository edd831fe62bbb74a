using System.Globalization;
using System.Text;
using GridService.Bot.Knowledge.Retrieval;
using GridService.Bot.Knowledge.Text;

namespace GridService.Bot.Knowledge.Learning;

/// <summary><c>ask --explain</c> for the learned engine: the decision, any override and why, the model's view.</summary>
internal sealed partial class LearnedDecider
{
    private const int ShownLabels = 5;

    public string Explain(string text, AnswerContext context, PreviousTurn? previous)
    {
        var a = Assess(text, previous);
        var d = Finish(a, context, kb.Options.ModelAnswerThreshold, kb.Options.ModelLabelThreshold);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{d.Label} ({d.Confidence:0.000}) by {d.Reason} [learned engine]\n");
        if (d.Because is not null)
        {
            sb.Append("  override: ").Append(d.Because).Append('\n');
        }

        sb.Append("  text: ").Append(NumberMask.Readable(a.Prepared.Text)).Append('\n');
        if (a.FollowUpOf is not null)
        {
            sb.Append("  read as a follow-up of ").Append(a.FollowUpOf).Append(": ").Append(NumberMask.Readable(a.Basis)).Append('\n');
        }

        // The model's view even when a policy decided, so an override can be compared with what it replaced.
        var probabilities = a.Probabilities;
        if (probabilities.Length == 0)
        {
            probabilities = new float[model.Classifier.LabelCount];
            model.Predict(a.Basis, a.Prepared.WithFiller, probabilities);
        }

        sb.Append("  model:");
        foreach (int i in Enumerable.Range(0, probabilities.Length).OrderByDescending(i => probabilities[i]).Take(ShownLabels))
        {
            sb.Append(CultureInfo.InvariantCulture, $" {model.Labels[i]} {probabilities[i]:0.000};");
        }

        sb.Append(CultureInfo.InvariantCulture,
            $"\n  thresholds: answer >= {kb.Options.ModelAnswerThreshold:0.00}, escalate/none >= {kb.Options.ModelLabelThreshold:0.00}; power-related {a.PowerRelated}\n");
        var result = kb.Index.Search(kb.Normalizer.Normalize(text));
        sb.Append(CultureInfo.InvariantCulture, $"  retrieval: best {(result.Best >= 0 ? kb[result.Best].Id : "-")} (confidence {Scoring.Confidence(result):0.000})");
        return sb.ToString();
    }
}
