using System.Globalization;
using System.Text;

namespace GridService.Bot.Misses;

/// <summary>Misses that ask the same thing in different words.</summary>
/// <param name="Key">A stable key of the cluster (its first question's hash), for forms.</param>
/// <param name="Misses">Its misses, newest first.</param>
public sealed record MissCluster(string Key, IReadOnlyList<Miss> Misses)
{
    /// <summary>How many times it was asked.</summary>
    public int Count => Misses.Count;

    /// <summary>The most recent wording.</summary>
    public Miss Latest => Misses[0];

    /// <summary>The different wordings, most recent first.</summary>
    public IEnumerable<string> Wordings => Misses.Select(m => m.Text).Distinct(StringComparer.Ordinal);

    /// <summary>The areas it was asked in.</summary>
    public IEnumerable<string> AreaIds => Misses.Select(m => m.AreaId).Distinct(StringComparer.Ordinal);

    /// <summary>How many of its misses are answers the asker rated 👎.</summary>
    public int RatedInaccurate => Misses.Count(m => m.Rating == Miss.Inaccurate);

    /// <summary>True when an asker rated an answer decided as <paramref name="label"/> 👎: not the topic to offer first.</summary>
    public bool RatedWrong(string label) => Misses.Any(m => m.Rating == Miss.Inaccurate && m.Decision == label);
}

/// <summary>
/// Groups misses by similarity: character bigrams of the question (mentions, spaces and punctuation dropped),
/// compared by overlap; each miss joins the most similar cluster at or above <see cref="Threshold"/> or starts
/// one. Good enough to put "电费单怎么下载" next to "电子账单在哪下载" and leave "电表响" alone; an operator
/// reads the result, nothing is decided by it.
/// </summary>
public static class MissClusters
{
    /// <summary>Overlap (Dice coefficient of bigram sets) needed to join a cluster.</summary>
    public const double Threshold = 0.4;

    /// <summary>The clusters of <paramref name="misses"/>, largest first (then most recent).</summary>
    public static IReadOnlyList<MissCluster> Group(IEnumerable<Miss> misses)
    {
        ArgumentNullException.ThrowIfNull(misses);
        var clusters = new List<(HashSet<string> Grams, List<Miss> Members)>();
        foreach (var miss in misses.OrderByDescending(m => m.At))
        {
            var grams = Bigrams(miss.Text);
            var best = -1;
            var bestScore = Threshold;
            for (var i = 0; i < clusters.Count; i++)
            {
                var score = Dice(grams, clusters[i].Grams);
                if (score >= bestScore)
                {
                    best = i;
                    bestScore = score;
                }
            }

            if (best < 0) clusters.Add((grams, [miss]));
            else clusters[best].Members.Add(miss);
        }

        return [.. clusters
            .Select(c => new MissCluster(KeyOf(c.Members[^1].Text), c.Members))
            .OrderByDescending(c => c.Count)
            .ThenByDescending(c => c.Latest.At)];
    }

    /// <summary>Similarity of two questions, 0..1.</summary>
    public static double Similarity(string a, string b) => Dice(Bigrams(a), Bigrams(b));

    private static double Dice(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return a.Count == b.Count ? 1 : 0;
        var common = a.Count < b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return 2.0 * common / (a.Count + b.Count);
    }

    private static HashSet<string> Bigrams(string text)
    {
        var clean = new StringBuilder(text.Length);
        var skipping = false;
        foreach (var rune in text.EnumerateRunes())
        {
            // "@小电 ..." : the mention is not part of the question.
            if (rune.Value == '@') { skipping = true; continue; }
            if (skipping && (Rune.IsWhiteSpace(rune) || rune.Value == '\u2005')) { skipping = false; continue; }
            if (skipping) continue;
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || category is UnicodeCategory.OtherPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.MathSymbol or UnicodeCategory.OtherSymbol)
            {
                continue;
            }

            clean.Append(rune.ToString().ToLowerInvariant());
        }

        var s = clean.ToString();
        var grams = new HashSet<string>(StringComparer.Ordinal);
        if (s.Length == 1) grams.Add(s);
        for (var i = 0; i + 1 < s.Length; i++) grams.Add(s.Substring(i, 2));
        return grams;
    }

    private static string KeyOf(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
}
