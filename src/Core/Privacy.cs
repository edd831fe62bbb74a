using System.Text.RegularExpressions;

namespace GridService.Core;

/// <summary>Masks personal numbers before text reaches a group or a log.</summary>
public static partial class Privacy
{
    /// <summary>Mobile numbers become <c>138****5678</c>; account-like runs of 8+ digits keep their first 2 and last 4.</summary>
    public static string Mask(string text) =>
        LongDigits().Replace(Mobile().Replace(text, m => m.Value[..3] + "****" + m.Value[^4..]), m => MaskDigits(m.Value));

    /// <summary>Masks one number: first 2 and last 4 digits kept (short ones: all but the last 2 hidden).</summary>
    public static string MaskDigits(string digits) => digits.Length switch
    {
        <= 2 => new string('*', digits.Length),
        < 8 => new string('*', digits.Length - 2) + digits[^2..],
        _ => digits[..2] + new string('*', digits.Length - 6) + digits[^4..],
    };

    /// <summary>A name as <c>张*</c>.</summary>
    public static string MaskName(string name) => name.Length <= 1 ? name : name[0] + new string('*', name.Length - 1);

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![\d*])\d{8,}(?!\d)")]
    private static partial Regex LongDigits();
}
