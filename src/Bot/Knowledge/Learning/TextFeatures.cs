using GridService.Bot.Knowledge.Text;

namespace GridService.Bot.Knowledge.Learning;

/// <summary>
/// The classifier's view of a normalised message: character 1-, 2- and 3-grams inside each clause, the first and
/// last character of each clause marked as such ("那…", "…呢" frame a question), and whole Latin words and numbers
/// ("wifi", "95598"). Each feature is a <see cref="ulong"/>: up to three UTF-16 units and the length packed exactly,
/// or a word's hash with the top bit set, so extracting allocates nothing and n-grams never collide.
/// </summary>
internal static class TextFeatures
{
    /// <summary>Longer messages are cut: the question is rarely past the 200th character and latency stays flat.</summary>
    public const int MaxChars = 200;

    /// <summary>A buffer of this size always holds the features of <see cref="MaxChars"/> characters.</summary>
    public const int MaxFeatures = (MaxChars * 4) + 16;

    private const char ClauseStart = '\u0002';
    private const char ClauseEnd = '\u0003';
    private const ulong WordFlag = 1UL << 63;

    /// <summary>Writes the features of <paramref name="text"/> to <paramref name="keys"/> (repeats included); returns how many.</summary>
    public static int Extract(ReadOnlySpan<char> text, Span<ulong> keys)
    {
        if (text.Length > MaxChars)
        {
            text = text[..MaxChars];
        }

        int count = 0;
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            // Spaces (punctuation in the original) and masked numbers end a clause: n-grams across them are noise.
            if (i < text.Length && text[i] != ' ' && !NumberMask.IsPlaceholder(text[i]))
            {
                continue;
            }

            if (i > start)
            {
                count = Clause(text[start..i], keys, count);
            }

            start = i + 1;
        }

        return count;
    }

    private static int Clause(ReadOnlySpan<char> s, Span<ulong> keys, int count)
    {
        keys[count++] = Pack(2, ClauseStart, s[0], '\0');
        keys[count++] = Pack(2, s[^1], ClauseEnd, '\0');
        for (int i = 0; i < s.Length; i++)
        {
            keys[count++] = Pack(1, s[i], '\0', '\0');
            if (i + 1 < s.Length)
            {
                keys[count++] = Pack(2, s[i], s[i + 1], '\0');
            }

            if (i + 2 < s.Length)
            {
                keys[count++] = Pack(3, s[i], s[i + 1], s[i + 2]);
            }
        }

        // Whole Latin words and numbers of two characters or more.
        for (int i = 0; i < s.Length;)
        {
            if (!char.IsAsciiLetterOrDigit(s[i]))
            {
                i++;
                continue;
            }

            int end = i;
            while (end < s.Length && char.IsAsciiLetterOrDigit(s[end]))
            {
                end++;
            }

            if (end - i >= 2)
            {
                keys[count++] = Word(s[i..end]);
            }

            i = end;
        }

        return count;
    }

    private static ulong Pack(int n, char a, char b, char c) =>
        ((ulong)n << 48) | ((ulong)a << 32) | ((ulong)b << 16) | c;

    private static ulong Word(ReadOnlySpan<char> word)
    {
        // FNV-1a; the flag keeps word hashes apart from packed n-grams (whose top bits hold only the length).
        ulong hash = 14695981039346656037UL;
        foreach (char c in word)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash | WordFlag;
    }
}
