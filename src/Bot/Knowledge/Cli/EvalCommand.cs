using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GridService.Bot.Knowledge;

/// <summary>
/// <c>eval FILE [--out FILE]</c>: decides every labelled question of a JSONL file (<c>{"id","q","expect"}</c>) and
/// prints accuracy overall and per family, the wrong answers (the costly errors), every miss, and for the learned
/// engine the reliability table and the accuracy/coverage trade-off. The last line is always
/// <c>accuracy: correct/total</c>, for scripts.
/// </summary>
public static class EvalCommand
{
    private static readonly JsonSerializerOptions OutOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs the evaluation; returns 0 when it ran, 1 when the file cannot be read or has no valid item.</summary>
    public static int Run(string file, string? outFile, DecisionEngine engine, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(file))
        {
            output.WriteLine($"eval: file not found: {file}");
            output.WriteLine("accuracy: 0/0");
            return 1;
        }

        var results = new List<EvalResult>();
        int lineNo = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!EvalItem.TryParse(line, out var item, out var error))
            {
                output.WriteLine($"eval: {file}:{lineNo}: skipped, {error}");
                continue;
            }

            results.Add(new EvalResult(item, engine.Decide(item.Question)));
        }

        if (outFile is not null)
        {
            WriteOut(outFile, results);
        }

        Report(file, results, output, engine);
        return results.Count == 0 ? 1 : 0;
    }

    private static void Report(string file, List<EvalResult> results, TextWriter output, DecisionEngine engine)
    {
        int total = results.Count;
        int correct = results.Count(r => r.Correct);
        output.WriteLine($"eval: {file}, {total} items");
        output.WriteLine($"overall   {Ratio(correct, total)}");
        foreach (var family in new[] { "answer", "escalate", "none" })
        {
            var inFamily = results.Where(r => Decision.Family(r.Item.Expect) == family).ToList();
            output.WriteLine($"{family,-9} {Ratio(inFamily.Count(r => r.Correct), inFamily.Count)}");
        }

        var wrong = results.Where(r => r.WrongAnswer).ToList();
        output.WriteLine($"wrong answers: {wrong.Count} ({(total == 0 ? 0 : 100.0 * wrong.Count / total).ToString("0.0", CultureInfo.InvariantCulture)}%)");
        output.WriteLine($"repair recall: {Ratio(results.Count(r => r.Item.Expect == Decision.Repair && r.Correct), results.Count(r => r.Item.Expect == Decision.Repair))}");
        var misses = results.Where(r => !r.Correct).ToList();
        output.WriteLine($"misses: {misses.Count}");
        foreach (var r in misses)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Item.Id}  expected {r.Item.Expect}  got {r.Decision.Label}  conf {r.Decision.Confidence:0.00}  [{r.Decision.Reason}]  {r.Item.Question}"));
        }

        EvalTables.Reliability(results.Select(r => (r.Decision.Confidence, r.Correct)), output, $"{engine.Kind} engine, final decisions");
        if (engine.Learned is { } learned)
        {
            var assessed = results.Select(r => (r.Item, Assessment: learned.Assess(r.Item.Question, null))).ToList();
            var sweep = assessed.Select(x => new Sweepable(x.Item.Expect, (a, l) => learned.Finish(x.Assessment, AnswerContext.None, a, l).Label)).ToList();
            EvalTables.TradeOff(sweep, engine.KnowledgeBase.Options.ModelLabelThreshold, output);
        }

        output.WriteLine($"accuracy: {correct}/{total}");
    }

    private static string Ratio(int correct, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{(total == 0 ? 0 : (double)correct / total):0.000} ({correct}/{total})");

    private static void WriteOut(string outFile, List<EvalResult> results)
    {
        using var writer = new StreamWriter(outFile);
        foreach (var r in results)
        {
            writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["id"] = r.Item.Id,
                ["expect"] = r.Item.Expect,
                ["decision"] = r.Decision.Label,
                ["confidence"] = Math.Round(r.Decision.Confidence, 3),
            }, OutOptions));
        }
    }
}
