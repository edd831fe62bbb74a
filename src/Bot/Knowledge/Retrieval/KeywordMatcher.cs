using System.Collections.Frozen;

namespace GridService.Bot.Knowledge.Retrieval;

/// <summary>
/// Finds weighted keywords (and negative cues) of all entries in a normalised question with one hash lookup per
/// position and keyword length, so the cost does not grow with the number of entries.
/// </summary>
internal sealed class KeywordMatcher
{
    private readonly FrozenDictionary<ulong, (int Entry, float Weight)[]> _byHash;
    private readonly int[] _lengths;

    public KeywordMatcher(IEnumerable<(string Normalized, int Entry, float Weight)> keywords)
    {
        var map = new Dictionary<ulong, List<(int, float)>>();
        var lengths = new SortedSet<int>();
        foreach (var (text, entry, weight) in keywords)
        {
            if (text.Length == 0)
            {
                continue;
            }

            ulong h = Hash(text);
            if (!map.TryGetValue(h, out var list))
            {
                map[h] = list = [];
            }

            list.Add((entry, weight));
            lengths.Add(text.Length);
        }

        _byHash = map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _lengths = [.. lengths];
    }

    /// <summary>Adds each matched keyword's weight to its entry; a keyword counts once per question.</summary>
    public void Match(ReadOnlySpan<char> text, Span<float> boosts)
    {
        // A keyword repeated in one message counts once: remember matched hashes in a small stack buffer.
        Span<ulong> seen = stackalloc ulong[32];
        int seenCount = 0;
        for (int start = 0; start < text.Length; start++)
        {
            foreach (int len in _lengths)
            {
                if (start + len > text.Length)
                {
                    break;
                }

                ulong h = Hash(text.Slice(start, len));
                if (_byHash.TryGetValue(h, out var hits) && !seen[..seenCount].Contains(h))
                {
                    if (seenCount < seen.Length)
                    {
                        seen[seenCount++] = h;
                    }

                    foreach (var (entry, weight) in hits)
                    {
                        boosts[entry] += weight;
                    }
                }
            }
        }
    }

    private static ulong Hash(ReadOnlySpan<char> s)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }
}
