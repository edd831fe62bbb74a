namespace GridService.Bot.Knowledge.Retrieval;

/// <summary>
/// How retrieval signals combine into one score and one confidence. Kept in one place so that calibration changes
/// are reviewed together; the weights were set by measuring, not by hand per question.
/// </summary>
internal static class Scoring
{
    /// <summary>
    /// Below this share of a long message's weighted n-grams found in the best entry, the entry is carried by a
    /// keyword alone while the rest of the message speaks of something else (a complaint about a fitter names "装表",
    /// a story about a transfer already made names "过户"). Short messages are exempt: "周六停电不" shares few
    /// n-grams with any example and is still plainly about one topic.
    /// </summary>
    private const float MinCoverage = 0.04f;

    /// <summary>About 14 characters: 1-, 2- and 3-grams of a message, roughly three per character.</summary>
    private const int LongMessageGrams = 40;

    public static float Combine(float exampleSimilarity, float entrySimilarity, float keywords, float negatives) =>
        (0.55f * exampleSimilarity) + (0.45f * entrySimilarity) + (0.08f * MathF.Min(keywords, 4f)) - (0.25f * negatives);

    /// <summary>Logistic calibration of the best score and its margin over the runner-up, 0..1.</summary>
    public static double Confidence(in RetrievalResult r)
    {
        if (r.Best < 0)
        {
            return 0;
        }

        // Measured on labelled questions: off-topic and unanswerable power questions reach a best score of about
        // 0.12 at most, answerable ones mostly 0.15 and above; a best entry barely ahead of the runner-up is a coin
        // toss between two topics. The midpoint (0.5) sits where a wrong answer becomes likelier than a useful one.
        double margin = r.BestScore - r.SecondScore;
        double z = (14.0 * (r.BestScore - 0.17)) + (8.0 * (margin - 0.03)) + (1.0 * (r.BestCoverage - 0.3));
        double confidence = 1.0 / (1.0 + Math.Exp(-z));

        // Keyword-only evidence is never enough to answer, nor to reject as out of scope: the caller stays unsure.
        return r.BestCoverage < MinCoverage && r.QueryGrams >= LongMessageGrams ? Math.Min(confidence, 0.3) : confidence;
    }
}
