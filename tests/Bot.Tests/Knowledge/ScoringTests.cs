using GridService.Bot.Knowledge.Retrieval;

namespace GridService.Bot.Tests.Knowledge;

public sealed class ScoringTests
{
    // A strong score built from one keyword (0.08 × 3) with almost nothing else of the message in the entry.
    private static RetrievalResult KeywordOnly(int queryGrams) =>
        new(Best: 0, BestScore: 0.32f, Second: 1, SecondScore: 0.05f, BestExampleSimilarity: 0.02f,
            BestEntrySimilarity: 0.01f, BestKeywords: 3f, BestCoverage: 0.01f, QueryGrams: queryGrams);

    [Fact]
    public void Confidence_LongMessageCarriedByOneKeyword_BelowAnswerThreshold() =>
        Assert.True(Scoring.Confidence(KeywordOnly(queryGrams: 70)) < 0.4);

    [Fact]
    public void Confidence_ShortMessageCarriedByOneKeyword_StillAnswers() =>
        Assert.True(Scoring.Confidence(KeywordOnly(queryGrams: 25)) >= 0.5);
}
