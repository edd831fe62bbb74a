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
                int longer = Math.Max(q.Length, text.Length);
                if (longer == 0)
                {
                    continue; // a question of emoji or punctuation alone normalizes to nothing: nothing to copy
                }

                int limit = ((3 * longer) - 1) / 20; // the largest distance whose ratio to the longer is under 0.15
                int distance = BoundedEditDistance(q, text, limit);
                if (distance <= limit)
                {
                    leaks.Add($"{doc.RootElement.GetProperty("id").GetString()} ~ {id}: '{q}' vs '{text}' ({(double)distance / longer:0.00})");
                }
            }
        }

        Assert.True(leaks.Count == 0, "examples copy evaluation questions:\n" + string.Join('\n', leaks));
    }

    private static string Compact(string s) => s.Replace(" ", string.Empty, StringComparison.Ordinal);

    // The edit distance of a and b if it is at most limit, otherwise limit + 1. Two cheap lower bounds come first (the
    // difference in length, and the characters one string has more of than the other), since nearly every pair is far
    // apart; then only the diagonal band |i - j| <= limit of the table is filled, stopping once a row exceeds limit.
    // Against the full table this took the suite's leak checks from about 28 s of CPU to well under one.
    private static int BoundedEditDistance(string a, string b, int limit)
    {
        if (limit < 0 || Math.Abs(a.Length - b.Length) > limit || CharacterSurplus(a, b) > limit)
        {
            return limit + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            int from = Math.Max(1, i - limit);
            int to = Math.Min(b.Length, i + limit);
            current[from - 1] = from == 1 ? i : limit + 1;
            int rowMin = current[from - 1];
            for (int j = from; j <= to; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int above = j <= i - 1 + limit ? previous[j] : limit + 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, above + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], limit + 1);
    }

    // Each edit fixes at most one character the first string has too many of, and at most one it has too few of.
    private static int CharacterSurplus(string a, string b)
    {
        var counts = new Dictionary<char, int>();
        foreach (char c in a)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        foreach (char c in b)
        {
            counts[c] = counts.GetValueOrDefault(c) - 1;
        }

        int more = 0, fewer = 0;
        foreach (int n in counts.Values)
        {
            if (n > 0)
            {
                more += n;
            }
            else
            {
                fewer -= n;
            }
        }

        return Math.Max(more, fewer);
    }
}
