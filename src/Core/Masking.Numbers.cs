using System.Text;

namespace GridService.Core;

/// <summary>
/// Finds the personal numbers in free text for <see cref="Masking.MaskText"/>. People write a mobile as
/// <c>138 1234 5678</c>, <c>138-1234-5678</c>, <c>+86 138.1234.5678</c> or in full-width digits, so digit groups
/// joined by spaces, dashes or dots are read together, but only when together they make a mobile, a landline with its
/// area code, an identity number or a bank card: <c>2026-11-28</c> or <c>08:00-12:00</c> are left alone.
/// </summary>
internal static class NumberScanner
{
    private const int MaxSeparatorRun = 3;

    private readonly record struct Group(int Start, int End, string Digits, bool EndsWithX);

    public static void MaskNumbers(string text, StringBuilder result)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var plus = (text[i] is '+' or '＋') && i + 1 < text.Length && Digit(text[i + 1]) >= 0;
            if (!plus && Digit(text[i]) < 0)
            {
                result.Append(text[i++]);
                continue;
            }

            var groups = Collect(text, plus ? i + 1 : i);
            var letterLed = start > 0 && char.IsAsciiLetter(text[start - 1]);
            var (take, masked) = Classify(groups, plus, letterLed);
            if (masked is not null)
            {
                result.Append(masked);
                var last = groups[take - 1];
                i = last.End + (last.EndsWithX && masked.EndsWith('X') ? 1 : 0);
                continue;
            }

            // Not personal: copy the first group as it is and look again from the next one.
            result.Append(text, start, groups[0].End - start);
            i = groups[0].End;
        }
    }

    // The digit groups from index i on: runs of digits separated by at most three separator characters.
    private static List<Group> Collect(string text, int i)
    {
        var groups = new List<Group>();
        while (true)
        {
            var start = i;
            var digits = new StringBuilder();
            while (i < text.Length && Digit(text[i]) is var d && d >= 0)
            {
                digits.Append((char)('0' + d));
                i++;
            }

            var x = i < text.Length && text[i] is 'X' or 'x' or 'Ｘ' or 'ｘ' && (i + 1 == text.Length || !char.IsAsciiLetterOrDigit(text[i + 1]));
            groups.Add(new Group(start, i, digits.ToString(), x));
            if (x) return groups;

            var next = i;
            while (next < text.Length && next - i < MaxSeparatorRun && IsSeparator(text[next])) next++;
            if (next == i || next >= text.Length || Digit(text[next]) < 0) return groups;
            i = next;
        }
    }

    // How many groups form one personal number, and its mask; (0, null) when the first group is not personal.
    private static (int Take, string? Masked) Classify(List<Group> groups, bool plus, bool letterLed)
    {
        for (var take = groups.Count; take >= 2; take--)
        {
            if (Joined(groups, take, plus) is { } masked) return (take, masked);
        }

        var single = groups[0];
        var digits = single.EndsWithX && single.Digits.Length == 17 ? single.Digits + "X" : single.Digits;
        if (plus && StripCountry(digits) is { } national && IsMobile(national)) return (1, Masking.MaskPhone(national));
        if (digits.Length < 7 || (letterLed && digits.Length <= 8)) return (0, null);
        if (IsMobile(digits)) return (1, Masking.MaskPhone(digits));
        if (digits.Length == 18) return (1, Masking.MaskCard(digits));
        if (digits[0] == '0' && digits.Length is >= 10 and <= 12) return (1, Masking.MaskPhone(digits));
        if (digits.Length is >= 16 and <= 19) return (1, Masking.MaskCard(digits));
        if (StripCountry(digits) is { } withCountry && IsMobile(withCountry)) return (1, Masking.MaskPhone(withCountry));
        return (1, Masking.MaskAccount(digits));
    }

    // The first `take` groups read as one number, when they make a mobile, landline, identity number or bank card.
    private static string? Joined(List<Group> groups, int take, bool plus)
    {
        var parts = groups.Take(take).ToList();
        if (parts.Take(take - 1).Any(g => g.EndsWithX)) return null;
        var all = string.Concat(parts.Select(g => g.Digits));
        var x = parts[^1].EndsWithX;

        // +86 138 1234 5678, 0086-138-1234-5678, 86 13812345678
        if (!x && parts[0].Digits is "86" or "0086" && (plus || parts[0].Digits == "0086" || take > 2 || parts[1].Digits.Length == 11))
        {
            var rest = all[parts[0].Digits.Length..];
            if (IsMobile(rest) && parts.Skip(1).All(g => g.Digits.Length >= 3)) return Masking.MaskPhone(rest);
        }

        if (x) return all.Length == 17 && parts.All(g => g.Digits.Length >= 3) ? Masking.MaskCard(all + "X") : null;
        if (IsMobile(all) && parts.All(g => g.Digits.Length >= 3)) return Masking.MaskPhone(all);
        if (all[0] == '0' && parts[0].Digits.Length is 3 or 4 && all.Length is >= 10 and <= 12 && parts.Skip(1).All(g => g.Digits.Length >= 3))
        {
            return Masking.MaskPhone(all);
        }

        if (all.Length == 18 && parts.All(g => g.Digits.Length >= 4)) return Masking.MaskCard(all);
        if (all.Length is >= 16 and <= 19 && parts.Take(take - 1).All(g => g.Digits.Length == 4) && parts[^1].Digits.Length <= 4)
        {
            return Masking.MaskCard(all);
        }

        return null;
    }

    private static bool IsMobile(string digits) => digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9';

    private static string? StripCountry(string digits) =>
        digits.StartsWith("0086", StringComparison.Ordinal) ? digits[4..] : digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : null;

    /// <summary>0-9 for ASCII and full-width digits, else -1.</summary>
    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '０' and <= '９' => c - '０',
        _ => -1,
    };

    private static bool IsSeparator(char c) =>
        c is ' ' or '\u00A0' or '\u3000' or '-' or '－' or '‐' or '‑' or '–' or '—' or '.' or '．' or '(' or ')' or '（' or '）' or '/';
}
