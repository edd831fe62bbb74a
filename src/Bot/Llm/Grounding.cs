using System.Text;
using System.Text.RegularExpressions;

namespace GridService.Bot.Llm;

/// <summary>
/// Checks a model's reply against what it was given, in code: a model can be talked into anything, the checks
/// cannot. Every number (phone, account, amount, date, time), link and @mention in the reply must already appear in
/// the grounding text (the candidates' composed answers, the engine's reply and the area's published contact);
/// numbers the customer wrote do not count, so a reply cannot repeat a number planted in a message. And the reply
/// must be worded from the entry it claims: a share of its character pairs must occur in that entry's answer, which
/// a rephrase meets (0.5-0.7 measured on rephrasings) and a role-play, a leaked prompt or an invented answer does
/// not (0-0.1).
/// </summary>
internal static partial class Grounding
{
    /// <summary>
    /// Why <paramref name="reply"/>, claimed to answer from <paramref name="entryAnswer"/>, is not grounded in it and
    /// <paramref name="source"/>, or null when it is.
    /// </summary>
    public static string? Reject(string reply, string entryAnswer, string source, int maxChars, double minOverlap)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return "empty-reply";
        }

        if (reply.Length > maxChars)
        {
            return "too-long";
        }

        string r = Canonical(reply);
        string s = Canonical(source);
        var known = Numbers().Matches(s).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        if (Numbers().Matches(r).Any(m => !known.Contains(m.Value)))
        {
            return "unknown-number";
        }

        if (Links().Matches(r).Any(m => !s.Contains(m.Value, StringComparison.OrdinalIgnoreCase)))
        {
            return "unknown-link";
        }

        if (r.Contains('@', StringComparison.Ordinal) && !s.Contains('@', StringComparison.Ordinal))
        {
            return "mention";
        }

        return Overlap(r, Canonical(entryAnswer)) < minOverlap ? "not-from-entry" : null;
    }

    /// <summary>Share of the reply's adjacent letter pairs (punctuation and spaces dropped) found in the entry, 0..1.</summary>
    internal static double Overlap(string reply, string entry)
    {
        var known = Pairs(entry).ToHashSet();
        var pairs = Pairs(reply).ToList();
        return pairs.Count == 0 ? 0 : (double)pairs.Count(known.Contains) / pairs.Count;
    }

    private static IEnumerable<(char, char)> Pairs(string text)
    {
        char prev = '\0';
        foreach (char c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            char lower = char.ToLowerInvariant(c);
            if (prev != '\0')
            {
                yield return (prev, lower);
            }

            prev = lower;
        }
    }

    /// <summary>
    /// Full-width forms to ASCII and runs of three or more Chinese digit characters (九五五九八, 幺三八…) to digits, so a
    /// number cannot slip past written another way. Shorter runs are ordinary words (一下, 三四天).
    /// </summary>
    internal static string Canonical(string text)
    {
        string narrow = text.Normalize(NormalizationForm.FormKC);
        return ChineseDigits().Replace(narrow, m =>
        {
            var sb = new StringBuilder(m.Length);
            foreach (char c in m.Value)
            {
                sb.Append(ChineseDigit(c));
            }

            return sb.ToString();
        });
    }

    private static char ChineseDigit(char c) => c switch
    {
        '零' or '〇' or '洞' => '0',
        '一' or '幺' or '壹' => '1',
        '二' or '两' or '贰' => '2',
        '三' or '叁' => '3',
        '四' or '肆' => '4',
        '五' or '伍' => '5',
        '六' or '陆' => '6',
        '七' or '柒' => '7',
        '八' or '捌' => '8',
        _ => '9',
    };

    [GeneratedRegex("[零〇洞一幺壹二两贰三叁四肆五伍六陆七柒八捌九玖]{3,}")]
    private static partial Regex ChineseDigits();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"[a-z][a-z0-9+.-]*://\S+|www\.\S+|[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|cn|net|org|top|xyz|cc|io)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Links();
}
