using System.Globalization;
using System.Text;

namespace GridService.Core.Security;

/// <summary>
/// Cleans what people typed before it is shown to others (names, texts that reach groups, transcripts): control
/// characters other than line breaks and tabs, bidirectional overrides and isolates (which can make a line read
/// differently from what it holds, e.g. a reversed number) and zero-width joiners used to dodge matching are dropped,
/// and the length is bounded without splitting a surrogate pair.
/// </summary>
public static class DisplayText
{
    /// <summary>Longest display name kept.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest message text kept.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The cleaned text, at most <paramref name="maxLength"/> characters (an ellipsis marks a cut).</summary>
    public static string Clean(string? text, int maxLength = MaxTextLength)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsStripped(text[i]))
            {
                cleaned ??= new StringBuilder(text.Length).Append(text, 0, i);
                continue;
            }

            cleaned?.Append(text[i]);
        }

        var result = cleaned?.ToString() ?? text;
        if (result.Length <= maxLength) return result;
        var cut = maxLength - 1;
        if (cut > 0 && char.IsHighSurrogate(result[cut - 1])) cut--;
        return string.Concat(result.AsSpan(0, Math.Max(0, cut)), "…");
    }

    /// <summary>A display name: cleaned, one line, at most <see cref="MaxNameLength"/> characters.</summary>
    public static string Name(string? name) => Clean(name?.ReplaceLineEndings(" ").Trim(), MaxNameLength).Trim();

    /// <summary>True for characters that are dropped.</summary>
    public static bool IsStripped(char c) => c switch
    {
        '\n' or '\r' or '\t' => false,
        // Bidi embeddings, overrides, isolates and marks; zero-width space, non-joiner, joiner; word joiner; BOM.
        >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' => true,
        >= '\u200B' and <= '\u200D' or '\u2060' or '\uFEFF' => true,
        _ => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format && !char.IsSurrogate(c),
    };
}
