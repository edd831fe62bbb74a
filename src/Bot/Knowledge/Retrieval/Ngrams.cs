namespace GridService.Bot.Knowledge.Retrieval;

/// <summary>
/// Character 1-3-grams of normalised text, packed exactly into a <see cref="ulong"/> (three UTF-16 units and the
/// length), so no hashing collisions and no strings are made per query.
/// </summary>
internal static class Ngrams
{
    /// <summary>Sentence particles and fillers: frequent, meaningless for the topic, noise in n-grams.</summary>
    private const string Particles = "啊呀呢吧嘛哇哦噢喔咧嘞啦哈唉诶哎呗";

    /// <summary>
    /// Characters that frame a question rather than say what it is about (pronouns, question words, "能不能",
    /// "几点到几点"). An n-gram made only of them gets a small weight, so "谷电是几点到几点" is about 谷电.
    /// </summary>
    private const string Function = "我你他她它们的了吗是不没有在这那哪里么什怎啥几个一就都还也给把被让跟和与或从对为着过得地很太最更好请问帮看说能可以会要想您点到去多少时候下上呢吧啊呀嘛";

    private static readonly bool[] IsFunction = BuildFunctionTable();

    private static readonly float[] LengthWeight = [0f, 0.35f, 1f, 1.15f];

    public static int MaxCount(int textLength) => textLength * 3;

    /// <summary>The weight of an n-gram: longer is more specific; question-frame n-grams count little.</summary>
    public static float Weight(ulong key)
    {
        int n = Length(key);
        bool frame = IsFunction[(char)(key >> 32)]
            && (n < 2 || IsFunction[(char)(key >> 16)])
            && (n < 3 || IsFunction[(char)key]);
        return frame ? LengthWeight[n] * 0.25f : LengthWeight[n];
    }

    private static bool[] BuildFunctionTable()
    {
        var table = new bool[char.MaxValue + 1];
        foreach (char c in Function)
        {
            table[c] = true;
        }

        return table;
    }

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
