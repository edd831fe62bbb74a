using System.Globalization;
using System.Text;

namespace GridService.Bot.Knowledge.Text;

/// <summary>
/// Brings what residents type to one comparable form: NFKC (full-width to half-width), traditional to simplified,
/// lower case, no @mentions, emoji, WeChat emoji codes or punctuation, a few dialect words and common typos mapped
/// to standard ones, and polite filler around a question removed. Knowledge examples and questions go through the
/// same normaliser, so both sides meet in the same form.
/// </summary>
public sealed class TextNormalizer
{
    private static readonly Lazy<TextNormalizer> Shared = new(() => new TextNormalizer());

    private readonly Dictionary<char, char> _simplified;

    private TextNormalizer()
    {
        var map = IcuTransliterator.TryBuildMap(out var library);
        TraditionalSource = map is null ? "built-in table (no ICU found)" : "ICU " + library;
        _simplified = map ?? FallbackSimplified.Build();
    }

    /// <summary>The process-wide normaliser; the traditional-character table is built once.</summary>
    public static TextNormalizer Default => Shared.Value;

    /// <summary>Where traditional→simplified comes from: ICU with its library, or the built-in table.</summary>
    public string TraditionalSource { get; }

    /// <summary>True when the traditional→simplified table came from ICU.</summary>
    public bool UsesIcu => TraditionalSource.StartsWith("ICU", StringComparison.Ordinal);

    /// <summary>Normalises one message; never throws, returns an empty string for empty input.</summary>
    public string Normalize(string? text) => Filler.Strip(NormalizeKeepFiller(text));

    /// <summary>Normalises without dropping polite filler, for recognisers that must see "谢谢" alone.</summary>
    internal string NormalizeKeepFiller(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        string nfkc = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(nfkc.Length);
        Clean(nfkc, sb);
        PinyinMap.Apply(sb);
        PhraseMap.Apply(sb);
        return sb.ToString().Trim();
    }

    private void Clean(string s, StringBuilder sb)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '@' && SkipMention(s, ref i))
            {
                continue;
            }

            if (c == '[' && SkipWeChatEmoji(s, ref i))
            {
                continue;
            }

            if (char.IsSurrogate(c))
            {
                // Emoji and rare ideographs outside the BMP; neither helps matching.
                continue;
            }

            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.UppercaseLetter:
                    sb.Append(char.ToLowerInvariant(c));
                    break;
                case UnicodeCategory.OtherLetter:
                    sb.Append(_simplified.TryGetValue(c, out var simple) ? simple : c);
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    sb.Append(c);
                    break;
                case UnicodeCategory.OtherSymbol:
                case UnicodeCategory.ModifierSymbol:
                case UnicodeCategory.Format:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.Control:
                    break;
                default:
                    // Punctuation, spaces and the rest separate words.
                    if (sb.Length > 0 && sb[^1] != ' ')
                    {
                        sb.Append(' ');
                    }

                    break;
            }
        }
    }

    private static bool SkipMention(string s, ref int i)
    {
        // "@小电 " or "@RobotA": the name runs to the next space (WeCom puts U+2005 there, NFKC makes it a space).
        int end = i + 1;
        while (end < s.Length && !char.IsWhiteSpace(s[end]) && end - i <= 16)
        {
            end++;
        }

        if (end == i + 1 || (end < s.Length && !char.IsWhiteSpace(s[end])))
        {
            return false;
        }

        i = end;
        return true;
    }

    private static bool SkipWeChatEmoji(string s, ref int i)
    {
        // WeChat sends its stickers as text codes: [捂脸], [OK], [强].
        int close = s.IndexOf(']', i + 1);
        if (close < 0 || close - i > 6 || close == i + 1)
        {
            return false;
        }

        for (int k = i + 1; k < close; k++)
        {
            if (!char.IsLetter(s[k]))
            {
                return false;
            }
        }

        i = close;
        return true;
    }
}
