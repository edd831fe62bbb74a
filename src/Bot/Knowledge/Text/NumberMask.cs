using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Text;

/// <summary>
/// Replaces contact and account numbers in normalised text with placeholder tokens before anything decides on it.
/// Residents paste their mobile or account number into questions ("户号3100123456电费怎么交"); the digits say
/// nothing about what is asked, yet as n-grams they pulled decisions towards whatever examples happened to hold
/// digits. The placeholders are private-use characters: no rule matches them and the classifier skips them, so a
/// number can never change a decision, and the explain output shows where one was.
/// </summary>
internal static partial class NumberMask
{
    /// <summary>Stands for a mobile or landline number.</summary>
    public const char Phone = '\uE001';

    /// <summary>Stands for an account, meter or other long number (7+ digits).</summary>
    public const char Account = '\uE002';

    /// <summary>True for a placeholder character.</summary>
    public static bool IsPlaceholder(char c) => c is Phone or Account;

    /// <summary>The text with numbers masked; the same instance when there is nothing to mask.</summary>
    public static string Apply(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (!HasLongDigitRun(normalized))
        {
            return normalized;
        }

        string masked = Mobile().Replace(normalized, Phone.ToString());
        masked = Landline().Replace(masked, Phone.ToString());
        return Long().Replace(masked, Account.ToString());
    }

    /// <summary>Placeholders spelled out for people (explain output, logs).</summary>
    public static string Readable(string masked) =>
        masked.Replace(Phone.ToString(), "<电话>", StringComparison.Ordinal).Replace(Account.ToString(), "<号码>", StringComparison.Ordinal);

    // Cheap pre-check: most messages hold no seven digits close together (a mobile may be typed in groups).
    private static bool HasLongDigitRun(string s)
    {
        int digits = 0;
        foreach (char c in s)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits >= 7)
                {
                    return true;
                }
            }
            else if (c != ' ' && c != '-')
            {
                digits = 0;
            }
        }

        return false;
    }

    // 11-digit mobiles, also typed in groups ("138 1234 5678", "138-1234-5678"); an optional +86/86 in front.
    [GeneratedRegex(@"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])")]
    private static partial Regex Mobile();

    // Landlines with an area code: 0316-5558866, 010 12345678.
    [GeneratedRegex(@"(?<![0-9])0[1-9][0-9]{1,2}[ -]?[0-9]{7,8}(?![0-9])")]
    private static partial Regex Landline();

    // Account, meter and ID numbers: seven digits or more in one run (95598, 12398, amounts and dates are shorter;
    // a date typed "2026 12 20" is several short runs and stays).
    [GeneratedRegex(@"(?<![0-9])[0-9]{7,}x?(?![0-9])")]
    private static partial Regex Long();
}
