namespace GridService.Bot.Knowledge.Retrieval;

/// <summary>
/// How retrieval signals combine into one score and one confidence. Kept in one place so that calibration changes
/// are reviewed together; the weights were set by measuring, not by hand per question.
/// </summary>
internal static class Scoring
{
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
        return 1.0 / (1.0 + Math.Exp(-z));
    }
}
