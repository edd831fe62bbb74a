using System.Globalization;
using GridService.Bot.Knowledge;
using GridService.Bot.Knowledge.Learning;
using Xunit.Abstractions;

namespace GridService.Bot.Tests.Knowledge;

/// <summary>
/// 5-fold cross-validation over the corpus, as <c>eval --cv 5</c> runs it: the configured thresholds must keep wrong
/// answers within the 1% budget they were chosen for, every hazard must reach a repair with the safety wording, and
/// the learned engine must stay ahead of the rules engine on questions neither was tuned on. Floors sit just under
/// the measured figures (docs/decisions.md).
/// </summary>
[Collection(KnowledgeCollection.Name)]
public sealed class CrossValidationTests(KnowledgeFixture fixture, ITestOutputHelper log)
{
    // Measured: 68.2% accuracy, 50 wrong answers of 5,191 (0.96%), coverage 56%, hazards 285/285 with safety wording.
    private const double MinAccuracy = 0.66;
    private const double MaxWrongAnswerRate = 0.011;

    [Fact]
    public void CrossValidation_ConfiguredThresholds_WrongAnswersWithinBudgetAndAccuracyAtFloor()
    {
        var options = fixture.Options;
        var decided = HeldOut().Select(h => (h.Item, Label: h.At(options.ModelAnswerThreshold, options.ModelLabelThreshold).Label)).ToList();
        int wrong = decided.Count(x => Decision.Family(x.Label) == "answer" && x.Label != x.Item.Label);
        double accuracy = (double)decided.Count(x => x.Label == x.Item.Label) / decided.Count;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:0.000}, wrong answers {wrong}/{decided.Count}"));

        Assert.True(decided.Count >= 5000, $"only {decided.Count} held-out questions");
        Assert.True((double)wrong / decided.Count <= MaxWrongAnswerRate, $"{wrong} wrong answers of {decided.Count}");
        Assert.True(accuracy >= MinAccuracy, string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:0.000} < {MinAccuracy}"));
    }

    [Fact]
    public void CrossValidation_EveryHazard_RepairWithSafetyWording()
    {
        var options = fixture.Options;
        var hazards = HeldOut().Where(h => CrossValidationCommand.IsHazard(h.Item)).ToList();
        var missed = hazards.Select(h => (h.Item, Decision: h.At(options.ModelAnswerThreshold, options.ModelLabelThreshold)))
            .Where(x => x.Decision.Label != Decision.Repair || !(x.Decision.Reason ?? "").StartsWith("safety:", StringComparison.Ordinal))
            .ToList();

        Assert.True(hazards.Count >= 250, $"only {hazards.Count} hazards in the corpus");
        Assert.True(missed.Count == 0, "hazards missed:\n" + string.Join('\n', missed.Select(m => $"{m.Item.Source} {m.Decision.Label} [{m.Decision.Reason}] {m.Item.Text}")));
    }

    [Fact]
    public void CrossValidation_LearnedEngine_BeatsRulesEngineOnTheCorpus()
    {
        var options = fixture.Options;
        var rules = new DecisionEngine(fixture.Kb.WithOptions(new KnowledgeOptions { Engine = DecisionEngineKind.Rules }));
        var heldOut = HeldOut();
        int learned = heldOut.Count(h => h.At(options.ModelAnswerThreshold, options.ModelLabelThreshold).Label == h.Item.Label);
        int byRules = heldOut.Count(h => rules.Decide(h.Item.Text).Label == h.Item.Label);

        Assert.True(learned > byRules, $"learned {learned} vs rules {byRules} of {heldOut.Count}");
    }

    [Fact]
    public void CorpusLoader_UnknownLabel_NamesFileAndLine()
    {
        string dir = Directory.CreateTempSubdirectory("corpus-test-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "corpus"));
            File.WriteAllLines(Path.Combine(dir, "corpus", "bad.jsonl"),
            [
                """{"q":"电费咋交","label":"answer:billing.pay-channels","style":"short"}""",
                """{"q":"电费咋交啊","label":"answer:billing.pay-channel","style":"short"}""",
            ]);

            var ex = Assert.Throws<KnowledgeBaseException>(() => CorpusLoader.LoadDirectory(dir));

            Assert.Equal(2, ex.Line);
            Assert.Contains("bad.jsonl", ex.File, StringComparison.Ordinal);
            Assert.Contains("answer:billing.pay-channel", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private List<HeldOut> HeldOut() => fixture.HeldOut;
}
