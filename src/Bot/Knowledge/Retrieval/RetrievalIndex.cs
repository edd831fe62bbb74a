using System.Buffers;
using GridService.Bot.Knowledge.Text;

namespace GridService.Bot.Knowledge.Retrieval;

/// <summary>
/// What retrieval found for one question: the two best entries, the signals behind the best one and how many
/// n-grams the question had (a long question needs more than one keyword in common with its entry).
/// </summary>
internal readonly record struct RetrievalResult(
    int Best, float BestScore, int Second, float SecondScore, float BestExampleSimilarity, float BestEntrySimilarity,
    float BestKeywords, float BestCoverage, int QueryGrams = 0);

/// <summary>
/// Everything retrieval needs, computed once at load: the vocabulary of character n-grams, a TF-IDF index over
/// single examples (a question close to one way of asking), one over whole entries (a question sharing many words
/// with a topic), and the keyword matcher. <c>Search</c> allocates nothing: buffers are stack or pooled.
/// </summary>
internal sealed class RetrievalIndex
{
    private const int MaxQueryChars = 160;

    private readonly Vocabulary _vocabulary = new();
    private readonly SparseIndex _examples;
    private readonly SparseIndex _entries;
    private readonly float[] _exampleIdf;
    private readonly float[] _entryIdf;
    private readonly int[] _exampleEntry;
    private readonly KeywordMatcher _keywords;
    private readonly KeywordMatcher _negatives;
    private readonly (string[] Parts, int Entry, float Weight)[] _together;
    private readonly float _unknownExampleIdf;
    private readonly float _unknownEntryIdf;

    public RetrievalIndex(IReadOnlyList<KnowledgeEntry> entries, TextNormalizer normalizer)
    {
        EntryCount = entries.Count;
        var exampleDocs = new List<Dictionary<int, float>>();
        var entryDocs = new List<Dictionary<int, float>>();
        var exampleEntry = new List<int>();
        for (int e = 0; e < entries.Count; e++)
        {
            var entryCounts = new Dictionary<int, float>();
            foreach (var text in entries[e].Examples.Append(entries[e].Title))
            {
                var counts = Count(normalizer.Normalize(text));
                exampleDocs.Add(counts);
                exampleEntry.Add(e);
                foreach (var (term, tf) in counts)
                {
                    entryCounts[term] = entryCounts.GetValueOrDefault(term) + tf;
                }
            }

            entryDocs.Add(entryCounts);
        }

        _vocabulary.Freeze();
        int terms = _vocabulary.Count;
        _exampleIdf = Idf(exampleDocs, terms);
        _entryIdf = Idf(entryDocs, terms);
        _unknownExampleIdf = MathF.Log(1 + exampleDocs.Count);
        _unknownEntryIdf = MathF.Log(1 + entryDocs.Count);
        ApplyLengthWeights(exampleDocs);
        ApplyLengthWeights(entryDocs);
        _examples = new SparseIndex(exampleDocs, _exampleIdf, terms);
        _entries = new SparseIndex(entryDocs, _entryIdf, terms);
        _exampleEntry = [.. exampleEntry];
        _keywords = new KeywordMatcher(entries.SelectMany((entry, e) =>
            entry.Keywords.Where(k => !k.Text.Contains('+', StringComparison.Ordinal))
                .Select(k => (normalizer.Normalize(k.Text), e, (float)k.Weight))));

        // "没交+停": words that point at a topic only together, anywhere in the message.
        _together = entries.SelectMany((entry, e) => entry.Keywords
                .Where(k => k.Text.Contains('+', StringComparison.Ordinal))
                .Select(k => (k.Text.Split('+').Select(p => normalizer.Normalize(p)).Where(p => p.Length > 0).ToArray(), e, (float)k.Weight)))
            .ToArray();
        _negatives = new KeywordMatcher(entries.SelectMany((entry, e) =>
            entry.Negative.Select(n => (normalizer.Normalize(n), e, 1f))));
    }

    public int EntryCount { get; }

    public int ExampleCount => _exampleEntry.Length;

    public int TermCount => _vocabulary.Count;

    /// <summary>Scores every entry against the normalised question and returns the two best.</summary>
    public RetrievalResult Search(ReadOnlySpan<char> normalized) => Search(normalized, null);

    /// <summary>Like <see cref="Search(ReadOnlySpan{char})"/>, also reporting every entry's signals (diagnostics only).</summary>
    public RetrievalResult Search(ReadOnlySpan<char> normalized, Action<int, float, float, float, float, float>? explain)
    {
        if (normalized.Length > MaxQueryChars)
        {
            normalized = normalized[..MaxQueryChars];
        }

        Span<ulong> grams = stackalloc ulong[Ngrams.MaxCount(MaxQueryChars)];
        int n = Ngrams.Extract(normalized, grams);
        grams = grams[..n];
        grams.Sort();

        float[] exRented = ArrayPool<float>.Shared.Rent(_exampleEntry.Length);
        float[] enRented = ArrayPool<float>.Shared.Rent(EntryCount * 5);
        try
        {
            var exScores = exRented.AsSpan(0, _exampleEntry.Length);
            var entrySim = enRented.AsSpan(0, EntryCount);
            var coverage = enRented.AsSpan(EntryCount, EntryCount);
            var keywords = enRented.AsSpan(EntryCount * 2, EntryCount);
            var best = enRented.AsSpan(EntryCount * 3, EntryCount);
            var negatives = enRented.AsSpan(EntryCount * 4, EntryCount);
            exScores.Clear();
            enRented.AsSpan(0, EntryCount * 5).Clear();

            Accumulate(grams, exScores, entrySim, coverage);
            _keywords.Match(normalized, keywords);
            foreach (var (parts, entry, weight) in _together)
            {
                if (ContainsAll(normalized, parts))
                {
                    keywords[entry] += weight;
                }
            }
            _negatives.Match(normalized, negatives);

            for (int i = 0; i < exScores.Length; i++)
            {
                int e = _exampleEntry[i];
                if (exScores[i] > best[e])
                {
                    best[e] = exScores[i];
                }
            }

            if (explain is not null)
            {
                for (int e = 0; e < EntryCount; e++)
                {
                    explain(e, Scoring.Combine(best[e], entrySim[e], keywords[e], negatives[e]), best[e], entrySim[e], keywords[e], coverage[e]);
                }
            }

            return Rank(best, entrySim, coverage, keywords, negatives) with { QueryGrams = n };
        }
        finally
        {
            ArrayPool<float>.Shared.Return(exRented);
            ArrayPool<float>.Shared.Return(enRented);
        }
    }

    private static bool ContainsAll(ReadOnlySpan<char> text, string[] parts)
    {
        foreach (var part in parts)
        {
            if (!text.Contains(part, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void Accumulate(ReadOnlySpan<ulong> sortedGrams, Span<float> exScores, Span<float> entrySim, Span<float> coverage)
    {
        // Two passes over the distinct terms: the first computes the query norms (unknown n-grams count too, so a
        // question with much unknown content scores lower), the second accumulates cosine numerators.
        float exNorm = 0, enNorm = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < sortedGrams.Length;)
            {
                ulong key = sortedGrams[i];
                int tf = 1;
                while (i + tf < sortedGrams.Length && sortedGrams[i + tf] == key)
                {
                    tf++;
                }

                i += tf;
                float w = Ngrams.Weight(key) * (1 + MathF.Log(tf));
                bool known = _vocabulary.TryGet(key, out int term);
                float qEx = w * (known ? _exampleIdf[term] : _unknownExampleIdf);
                float qEn = w * (known ? _entryIdf[term] : _unknownEntryIdf);
                if (pass == 0)
                {
                    exNorm += qEx * qEx;
                    enNorm += qEn * qEn;
                }
                else if (known && exNorm > 0)
                {
                    float exScale = 1f / MathF.Sqrt(exNorm), enScale = 1f / MathF.Sqrt(enNorm);
                    _examples.Accumulate(term, qEx * exScale, exScores, default, 0);
                    _entries.Accumulate(term, qEn * enScale, entrySim, coverage, qEn * qEn / enNorm);
                }
            }
        }
    }

    private static RetrievalResult Rank(
        ReadOnlySpan<float> best, ReadOnlySpan<float> entrySim, ReadOnlySpan<float> coverage,
        ReadOnlySpan<float> keywords, ReadOnlySpan<float> negatives)
    {
        int first = -1, second = -1;
        float s1 = float.MinValue, s2 = float.MinValue;
        for (int e = 0; e < best.Length; e++)
        {
            float score = Scoring.Combine(best[e], entrySim[e], keywords[e], negatives[e]);
            if (score > s1)
            {
                second = first;
                s2 = s1;
                first = e;
                s1 = score;
            }
            else if (score > s2)
            {
                second = e;
                s2 = score;
            }
        }

        if (first < 0)
        {
            return new RetrievalResult(-1, 0, -1, 0, 0, 0, 0, 0);
        }

        return new RetrievalResult(first, s1, second, second < 0 ? 0 : s2, best[first], entrySim[first], keywords[first], coverage[first]);
    }

    private Dictionary<int, float> Count(string normalized)
    {
        var span = normalized.AsSpan();
        var grams = new ulong[Ngrams.MaxCount(span.Length)];
        int n = Ngrams.Extract(span, grams);
        var counts = new Dictionary<int, float>();
        for (int i = 0; i < n; i++)
        {
            int term = _vocabulary.GetOrAdd(grams[i]);
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        return counts;
    }

    private void ApplyLengthWeights(List<Dictionary<int, float>> docs)
    {
        var weights = new float[_vocabulary.Count];
        foreach (var (key, id) in _vocabulary.Terms)
        {
            weights[id] = Ngrams.Weight(key);
        }

        foreach (var doc in docs)
        {
            foreach (var term in doc.Keys.ToList())
            {
                doc[term] = weights[term] * (1 + MathF.Log(doc[term]));
            }
        }
    }

    private static float[] Idf(List<Dictionary<int, float>> docs, int terms)
    {
        var df = new int[terms];
        foreach (var doc in docs)
        {
            foreach (var term in doc.Keys)
            {
                df[term]++;
            }
        }

        return df.Select(f => f == 0 ? 0f : MathF.Log(1 + (float)docs.Count / f)).ToArray();
    }
}
