using System.Text.Json;
using GridService.Bot.Knowledge;
using GridService.Bot.Knowledge.Learning;

namespace GridService.Bot.Tests.Knowledge;

[Collection(KnowledgeCollection.Name)]
public sealed class KnowledgeContentTests(KnowledgeFixture fixture)
{
    [Fact]
    public void Load_RepositoryKnowledge_HasEveryFaqTopic()
    {
        var ids = fixture.Kb.Entries.Where(e => !e.IsOutOfScope).Select(e => e.Id).ToHashSet();

        Assert.All(FaqTopics.All, topic => Assert.Contains(topic, ids));
        Assert.Equal(FaqTopics.All.Count, ids.Count);
    }

    [Fact]
    public void Load_RepositoryKnowledge_EveryEntryHasManyExamplesAndKeywords()
    {
        Assert.All(fixture.Kb.Entries.Where(e => !e.IsOutOfScope), e =>
        {
            Assert.True(e.Examples.Count >= 12, $"{e.Id} has {e.Examples.Count} examples");
            Assert.NotEmpty(e.Keywords);
        });
    }

    [Fact]
    public void Decide_ContextFreeAnswers_ContainNoUnfilledPlaceholder()
    {
        foreach (var entry in fixture.Kb.Entries.Where(e => !e.IsOutOfScope))
        {
            var reply = new AnswerComposer(fixture.Options, TimeProvider.System).Compose(entry, AnswerContext.None);
            Assert.DoesNotContain("{{", reply, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(reply), entry.Id);
        }
    }

    [DevSetFact]
    public void Examples_DevSetQuestions_AreNeitherCopiedNorNearCopied() =>
        AssertNoLeak(RepoPaths.DevSet!);

    [Fact]
    public void Examples_HoldoutQuestions_AreNeitherCopiedNorNearCopied() =>
        AssertNoLeak(RepoPaths.Holdout);

    // The blind sets were written by people who had not read the knowledge base or the corpus; a copied question
    // would make one a tuning set and its figure a flattering one.
    [Theory]
    [InlineData("holdout-fresh.jsonl")]
    [InlineData("blind.jsonl")]
    [InlineData("blind2.jsonl")]
    [InlineData("blind3.jsonl")]
    [InlineData("blind4.jsonl")]
    public void Examples_OtherHeldOutQuestions_AreNeitherCopiedNorNearCopied(string name) =>
        AssertNoLeak(RepoPaths.LabelledSet(name));

    [Fact]
    public void Load_RepositoryCorpus_EveryLineLabelledWithAKnownLabel()
    {
        Assert.True(fixture.Kb.Corpus.Count >= 3000, $"the corpus has only {fixture.Kb.Corpus.Count} lines");
        Assert.All(fixture.Kb.Corpus, x => Assert.Contains(x.Label, LabelledExample.KnownLabels));
    }

    // Knowledge-base examples and corpus lines alike: the learned engine trains on both, so a test question copied
    // into either would be measured on a question the model has seen.
    private void AssertNoLeak(string file)
    {
        var normalizer = fixture.Kb.Normalizer;
        var examples = fixture.Kb.Entries
            .SelectMany(e => e.Examples.Select(x => (e.Id, Text: Compact(normalizer.Normalize(x)))))
            .Concat(fixture.Kb.Corpus.Select(x => (Id: x.Source, Text: Compact(normalizer.Normalize(x.Text)))))
            .ToList();
        var leaks = new List<string>();
        foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            string q = Compact(normalizer.Normalize(doc.RootElement.GetProperty("q").GetString()));
            foreach (var (id, text) in examples)
            {
                // Strings whose lengths differ by more than the ratio cannot be that close: skip the edit distance.
                if (Math.Abs(q.Length - text.Length) > 0.15 * Math.Max(q.Length, text.Length))
                {
                    continue;
                }

                double ratio = (double)EditDistance(q, text) / Math.Max(q.Length, text.Length);
                if (ratio < 0.15)
                {
                    leaks.Add($"{doc.RootElement.GetProperty("id").GetString()} ~ {id}: '{q}' vs '{text}' ({ratio:0.00})");
                }
            }
        }

        Assert.True(leaks.Count == 0, "examples copy evaluation questions:\n" + string.Join('\n', leaks));
    }

    private static string Compact(string s) => s.Replace(" ", string.Empty, StringComparison.Ordinal);

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
