using System.Diagnostics;
using System.Globalization;
using GridService.Bot.Knowledge.Learning;

namespace GridService.Bot.Knowledge;

/// <summary>
/// <c>eval --cv K</c>: k-fold cross-validation of the learned engine over the labelled corpus. Prints the model's
/// reliability, the accuracy/coverage trade-off per answer threshold, the thresholds that keep wrong answers at or
/// under 1% of held-out questions, the figures at those thresholds (hazard recall included) and the rules engine
/// on the same questions. The last line is <c>accuracy: correct/total</c> at the configured thresholds.
/// </summary>
public static class CrossValidationCommand
{
    private static readonly double[] LabelThresholds = [0.0, 0.2, 0.3, 0.4, 0.5, 0.6];

    public static int Run(KnowledgeBase kb, int folds, TextWriter output) => Run(kb, folds, null, null, output);

    internal static int Run(KnowledgeBase kb, int folds, TrainerOptions? trainer, string? outFile, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(kb);
        ArgumentNullException.ThrowIfNull(output);
        long started = Stopwatch.GetTimestamp();
        var heldOut = CrossValidation.Run(kb, folds, trainer);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cv: {folds} folds over {heldOut.Count} {(kb.Corpus.Count > 0 ? "corpus questions (knowledge-base examples always in training)" : "knowledge-base examples (no corpus)")}, {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));

        var modelled = heldOut.Where(h => h.ModelLabel is not null).ToList();
        EvalTables.Reliability(modelled.Select(h => ((double)h.Assessment.TopProbability, h.ModelLabel == h.Item.Label)), output, "model's top label, held out");

        var sweep = heldOut.Select(h => new Sweepable(h.Item.Label, (a, l) => h.At(a, l).Label)).ToList();
        var options = kb.Options;
        EvalTables.TradeOff(sweep, options.ModelLabelThreshold, output);

        // The pair of thresholds: for each escalate/none threshold the lowest answer threshold within budget, then
        // the pair with the best accuracy.
        output.WriteLine("threshold choice (lowest answer threshold with wrong answers <= 1%, per escalate/none threshold):");
        (double Answer, double Label, double Accuracy)? best = null;
        foreach (double l in LabelThresholds)
        {
            if (EvalTables.LowestWithinBudget(sweep, l) is not { } found)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  escalate/none >= {l:0.00}: no answer threshold keeps wrong answers within 1%"));
                continue;
            }

            var within = (a: found.Threshold, m: found.Row);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  escalate/none >= {l:0.00}: answer >= {within.a:0.00}, accuracy {within.m.Accuracy:0.000}, coverage {within.m.Coverage:0.000}, wrong {within.m.WrongRate:0.000}"));
            if (best is null || within.m.Accuracy > best.Value.Accuracy)
            {
                best = (within.a, l, within.m.Accuracy);
            }
        }

        if (best is { } b)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chosen: Knowledge:ModelAnswerThreshold {b.Answer:0.00}, Knowledge:ModelLabelThreshold {b.Label:0.00}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"at the configured thresholds (answer >= {options.ModelAnswerThreshold:0.00}, escalate/none >= {options.ModelLabelThreshold:0.00}):"));
        var learned = heldOut.Select(h => (h.Item, Decision: h.At(options.ModelAnswerThreshold, options.ModelLabelThreshold))).ToList();
        if (outFile is not null)
        {
            WriteOut(outFile, heldOut, options);
        }

        Summary("learned", learned, output);

        var rules = new DecisionEngine(kb.WithOptions(CopyWith(options, DecisionEngineKind.Rules)));
        Summary("rules  ", heldOut.Select(h => (h.Item, rules.Decide(h.Item.Text))).ToList(), output);
        PerLabel(learned, output);
        output.WriteLine($"accuracy: {learned.Count(x => x.Decision.Label == x.Item.Label)}/{learned.Count}");
        return 0;
    }

    private static void WriteOut(string outFile, List<HeldOut> heldOut, KnowledgeOptions options)
    {
        var json = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var writer = new StreamWriter(outFile);
        foreach (var h in heldOut)
        {
            var d = h.At(options.ModelAnswerThreshold, options.ModelLabelThreshold);
            writer.WriteLine(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["source"] = h.Item.Source, ["q"] = h.Item.Text, ["expect"] = h.Item.Label, ["decision"] = d.Label, ["reason"] = d.Reason,
                ["model"] = h.ModelLabel, ["p"] = Math.Round(h.Assessment.TopProbability, 3),
            }, json));
        }
    }

    private static void Summary(string name, List<(LabelledExample Item, Decision Decision)> decided, TextWriter output)
    {
        var results = decided.Select(x => (x.Item, x.Decision.Label)).ToList();
        int safetyWorded = decided.Count(x => IsHazard(x.Item) && (x.Decision.Reason ?? "").StartsWith("safety:", StringComparison.Ordinal));
        double Rate(IEnumerable<(LabelledExample Item, string Label)> set)
        {
            var list = set.ToList();
            return list.Count == 0 ? 0 : (double)list.Count(x => x.Label == x.Item.Label) / list.Count;
        }

        int n = Math.Max(1, results.Count);
        var hazards = results.Where(x => IsHazard(x.Item)).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name} accuracy {Rate(results):0.000}, answer {Rate(results.Where(x => Decision.Family(x.Item.Label) == "answer")):0.000}, escalate {Rate(results.Where(x => Decision.Family(x.Item.Label) == "escalate")):0.000}, none {Rate(results.Where(x => x.Item.Label == Decision.None)):0.000}; "
            + $"coverage {(double)results.Count(x => Decision.Family(x.Item.Label) == "answer" && Decision.Family(x.Label) == "answer") / Math.Max(1, results.Count(x => Decision.Family(x.Item.Label) == "answer")):0.000}; "
            + $"wrong answers {results.Count(x => Decision.Family(x.Label) == "answer" && x.Label != x.Item.Label)} ({(double)results.Count(x => Decision.Family(x.Label) == "answer" && x.Label != x.Item.Label) / n:0.000}); "
            + $"repair recall {Rate(results.Where(x => x.Item.Label == Decision.Repair)):0.000}; hazard recall {hazards.Count(x => x.Label == Decision.Repair)}/{hazards.Count} ({safetyWorded} with the safety wording)"));
    }

    private static void PerLabel(List<(LabelledExample Item, Decision Decision)> decided, TextWriter output)
    {
        var results = decided.Select(x => (x.Item, x.Decision.Label)).ToList();
        output.WriteLine("per expected label (learned): recall, and the most frequent wrong label");
        foreach (var g in results.GroupBy(x => x.Item.Label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var wrong = g.Where(x => x.Label != x.Item.Label).GroupBy(x => x.Label, StringComparer.Ordinal).OrderByDescending(w => w.Count()).FirstOrDefault();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {g.Key,-40} {g.Count(x => x.Label == x.Item.Label),4}/{g.Count(),-4} {(wrong is null ? "" : $"-> {wrong.Key} x{wrong.Count()}")}"));
        }
    }

    /// <summary>A hazard in the corpus: a repair its writer tagged as one (not what the safety policy happens to catch).</summary>
    internal static bool IsHazard(LabelledExample item) =>
        item.Label == Decision.Repair && item.Style.Contains("hazard", StringComparison.OrdinalIgnoreCase);

    private static KnowledgeOptions CopyWith(KnowledgeOptions o, DecisionEngineKind engine) => new()
    {
        Directory = o.Directory, LocalFacts = o.LocalFacts, Areas = o.Areas, AnswerThreshold = o.AnswerThreshold, Engine = engine,
        ModelAnswerThreshold = o.ModelAnswerThreshold, ModelLabelThreshold = o.ModelLabelThreshold, DefaultTimeZone = o.DefaultTimeZone,
    };
}
