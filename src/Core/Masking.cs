using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GridService.Core;

/// <summary>
/// Masks personal data for group messages, transcripts and logs: the one implementation every template function and
/// log line uses. Every mask hides at least four characters behind a fixed <c>****</c> (so the length is not revealed
/// either); short inputs keep fewer visible characters, tail first.
/// </summary>
public static partial class Masking
{
    private const string Stars = "****";

    /// <summary>Phone: first 3 and last 4, <c>13812345678</c> → <c>138****5678</c>.</summary>
    public static string MaskPhone(string? phone) => Mask(phone, head: 3, tail: 4);

    /// <summary>Account number: first 2 and last 4, <c>3300125678</c> → <c>33****5678</c>.</summary>
    public static string MaskAccount(string? account) => Mask(account, head: 2, tail: 4);

    /// <summary>Identity card or bank card: first 4 and last 4, <c>110101199003071234</c> → <c>1101****1234</c>.</summary>
    public static string MaskCard(string? card) => Mask(card, head: 4, tail: 4);

    /// <summary>E-mail: the first character of the mailbox and the domain, <c>zhang.san@example.com</c> → <c>z****@example.com</c>.</summary>
    public static string MaskEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return string.Empty;
        var at = trimmed.LastIndexOf('@');
        return at <= 0 ? Mask(trimmed, 1, 0) : string.Concat(trimmed.AsSpan(0, 1), Stars, trimmed.AsSpan(at));
    }

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
    /// Free text someone typed: e-mail addresses, mobiles (plain, spaced, dashed, dotted, full-width, with +86),
    /// landlines with their area code, 18-character identity numbers (X included), 16-19 digit bank cards and any
    /// other run of 7 or more digits (account numbers) are masked, and so is the writer's own
    /// <paramref name="name"/> as <see cref="MaskName"/> does; the rest is unchanged. Dates, times, building numbers
    /// and identifiers led by letters (<c>GD20261123-0042</c>) stay as they are. Other names cannot be recognised.
    /// </summary>
    public static string MaskText(string? text, string? name = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var result = new StringBuilder(text.Length);
        var withoutEmail = Email().Replace(text, m => MaskEmail(m.Value));
        NumberScanner.MaskNumbers(withoutEmail, result);

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

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}
