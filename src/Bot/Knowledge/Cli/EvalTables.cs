using System.Globalization;

namespace GridService.Bot.Knowledge;

/// <summary>One question decided at a threshold: what was expected and what the engine decides at that threshold.</summary>
internal sealed record Sweepable(string Expect, Func<double, double, string> LabelAt);

/// <summary>
/// The tables <c>eval</c> prints besides accuracy: how far confidence can be trusted (reliability: confidence bins
/// against accuracy), and what each answer threshold costs and buys (coverage of answerable questions against
/// wrong answers). "Wrong answers" are answers given where another label was expected, as a share of every question:
/// the error that reaches a group of neighbours.
/// </summary>
internal static class EvalTables
{
    /// <summary>The wrong-answer budget the answer threshold is chosen for.</summary>
    public const double MaxWrongAnswerRate = 0.01;

    /// <summary>Thresholds the trade-off table shows.</summary>
    public static readonly double[] AnswerThresholds = [.. Enumerable.Range(6, 14).Select(i => i * 0.05)];

    /// <summary>Thresholds the choice is made from (a finer grid than the table).</summary>
    public static readonly double[] FineAnswerThresholds = [.. Enumerable.Range(20, 80).Select(i => i * 0.01)];

    public static void Reliability(IEnumerable<(double Confidence, bool Correct)> points, TextWriter output, string title)
    {
        var list = points.ToList();
        output.WriteLine($"reliability ({title}): {list.Count} questions");
        output.WriteLine("  confidence     n   mean conf  accuracy");
        for (int b = 0; b < 10; b++)
        {
            double lo = b / 10.0, hi = (b + 1) / 10.0;
            var bin = list.Where(p => p.Confidence >= lo && (p.Confidence < hi || (b == 9 && p.Confidence <= 1.0))).ToList();
            if (bin.Count == 0)
            {
                continue;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {lo:0.0}-{hi:0.0}  {bin.Count,6}  {bin.Average(p => p.Confidence),9:0.000}  {bin.Count(p => p.Correct) / (double)bin.Count,8:0.000}"));
        }
    }

    /// <summary>Prints the trade-off at <paramref name="labelThreshold"/>; returns the lowest answer threshold within budget.</summary>
    public static double? TradeOff(IReadOnlyList<Sweepable> items, double labelThreshold, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"accuracy/coverage trade-off (escalate/none threshold {labelThreshold:0.00}); coverage = answerable questions answered, wrong = wrong answers / all"));
        output.WriteLine("  answer>=  accuracy  coverage  precision  wrong");
        foreach (double t in AnswerThresholds)
        {
            var row = Measure(items, t, labelThreshold);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {t,7:0.00}  {row.Accuracy,8:0.000}  {row.Coverage,8:0.000}  {row.Precision,9:0.000}  {row.WrongRate,5:0.000}"));
        }

        double? chosen = LowestWithinBudget(items, labelThreshold)?.Threshold;
        output.WriteLine(chosen is { } c
            ? string.Create(CultureInfo.InvariantCulture, $"  lowest answer threshold with wrong answers <= 1%: {c:0.00}")
            : "  no answer threshold keeps wrong answers within 1%");
        return chosen;
    }

    /// <summary>The lowest threshold of the fine grid whose wrong answers stay within budget, with its figures.</summary>
    public static (double Threshold, (double Accuracy, double Coverage, double Precision, double WrongRate) Row)? LowestWithinBudget(
        IReadOnlyList<Sweepable> items, double labelThreshold)
    {
        foreach (double t in FineAnswerThresholds)
        {
            var row = Measure(items, t, labelThreshold);
            if (row.WrongRate <= MaxWrongAnswerRate)
            {
                return (t, row);
            }
        }

        return null;
    }

    public static (double Accuracy, double Coverage, double Precision, double WrongRate) Measure(IReadOnlyList<Sweepable> items, double answerThreshold, double labelThreshold)
    {
        int correct = 0, answerable = 0, covered = 0, answered = 0, wrong = 0;
        foreach (var item in items)
        {
            string label = item.LabelAt(answerThreshold, labelThreshold);
            bool isAnswer = Decision.Family(label) == "answer";
            correct += label == item.Expect ? 1 : 0;
            answerable += Decision.Family(item.Expect) == "answer" ? 1 : 0;
            covered += isAnswer && Decision.Family(item.Expect) == "answer" ? 1 : 0;
            answered += isAnswer ? 1 : 0;
            wrong += isAnswer && label != item.Expect ? 1 : 0;
        }

        int n = Math.Max(1, items.Count);
        return ((double)correct / n, (double)covered / Math.Max(1, answerable), answered == 0 ? 1 : (double)(answered - wrong) / answered, (double)wrong / n);
    }
}
