namespace GridService.Bot.Knowledge.Retrieval;

/// <summary>
/// Character 1-3-grams of normalised text, packed exactly into a <see cref="ulong"/> (three UTF-16 units and the
/// length), so no hashing collisions and no strings are made per query.
/// </summary>
internal static class Ngrams
{
    /// <summary>Sentence particles and fillers: frequent, meaningless for the topic, noise in n-grams.</summary>
    private const string Particles = "啊呀呢吧嘛哇哦噢喔咧嘞啦哈唉诶哎呗";

    public static int MaxCount(int textLength) => textLength * 3;

    /// <summary>Writes the n-grams of <paramref name="text"/> to <paramref name="output"/>; returns how many.</summary>
    public static int Extract(ReadOnlySpan<char> text, Span<ulong> output)
    {
        int count = 0;
        char a = '\0', b = '\0';
        int run = 0;
        foreach (char c in text)
        {
            if (c == ' ')
            {
                run = 0;
                continue;
            }

            if (Particles.Contains(c))
            {
                continue;
            }

            output[count++] = Key(1, c, '\0', '\0');
            if (run >= 1)
            {
                output[count++] = Key(2, b, c, '\0');
            }

            if (run >= 2)
            {
                output[count++] = Key(3, a, b, c);
            }

            a = b;
            b = c;
            run++;
        }

        return count;
    }

    public static int Length(ulong key) => (int)(key >> 48);

    private static ulong Key(int n, char c1, char c2, char c3) =>
        ((ulong)n << 48) | ((ulong)c1 << 32) | ((ulong)c2 << 16) | c3;
}
