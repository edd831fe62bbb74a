using System.Globalization;
using System.Text;

namespace GridService.Core;

/// <summary>
/// Masks personal data for group messages and logs. Every mask hides at least four characters behind a fixed
/// <c>****</c> (so the length is not revealed either); short inputs keep fewer visible characters, tail first.
/// </summary>
public static class Masking
{
    private const string Stars = "****";

    /// <summary>Phone: first 3 and last 4, <c>13812345678</c> → <c>138****5678</c>.</summary>
    public static string MaskPhone(string? phone) => Mask(phone, head: 3, tail: 4);

    /// <summary>Account number: first 2 and last 4, <c>3300125678</c> → <c>33****5678</c>.</summary>
    public static string MaskAccount(string? account) => Mask(account, head: 2, tail: 4);

    /// <summary>Name: the first character and one <c>*</c>, whatever the length: <c>张建国</c> → <c>张*</c>.</summary>
    public static string MaskName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return string.Empty;
        }

        // A text element, not a char: a rare surname outside the BMP is a surrogate pair.
        var first = StringInfo.GetNextTextElementLength(trimmed);
        return string.Concat(trimmed.AsSpan(0, first), "*");
    }

    /// <summary>
    /// Free text a customer typed: every run of 7 or more digits (a phone or account number) is masked,
    /// 11-digit runs as phones, others as accounts, and the customer's own <paramref name="name"/> as
    /// <see cref="MaskName"/> does; the rest is unchanged. Other names in the text cannot be recognised.
    /// </summary>
    public static string MaskText(string? text, string? name = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            var run = i - start;
            if (run >= 7)
            {
                var digits = text.Substring(start, run);
                result.Append(run == 11 ? MaskPhone(digits) : MaskAccount(digits));
            }
            else if (run > 0)
            {
                result.Append(text, start, run);
            }
            else
            {
                result.Append(text[i++]);
            }
        }

        var trimmedName = name?.Trim();
        if (trimmedName is { Length: >= 2 })
        {
            result.Replace(trimmedName, MaskName(trimmedName));
        }

        return result.ToString();
    }

    /// <summary>Keeps up to <paramref name="head"/> leading and <paramref name="tail"/> trailing characters, hiding at least four.</summary>
    public static string Mask(string? value, int head, int tail)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return string.Empty;
        }

        var visible = Math.Max(0, trimmed.Length - Stars.Length);
        var keepTail = Math.Min(tail, visible);
        var keepHead = Math.Min(head, visible - keepTail);
        return string.Concat(trimmed.AsSpan(0, keepHead), Stars, trimmed.AsSpan(trimmed.Length - keepTail));
    }
}
