namespace GridService.Bot.Knowledge.Retrieval;

/// <summary>
/// L2-normalised TF-IDF vectors of documents stored as an inverted index (compressed rows: one contiguous slice of
/// postings per term), so a query's cosine with every document costs one pass over its terms' postings.
/// </summary>
internal sealed class SparseIndex
{
    private readonly int[] _offsets;   // term id → first posting; length terms + 1
    private readonly int[] _docs;
    private readonly float[] _weights;

    /// <summary>Builds from per-document term counts; <paramref name="idf"/> is indexed by term id.</summary>
    public SparseIndex(IReadOnlyList<Dictionary<int, float>> documents, float[] idf, int termCount)
    {
        DocumentCount = documents.Count;
        var vectors = new List<(int Term, float Weight)>[documents.Count];
        var perTerm = new int[termCount + 1];
        for (int d = 0; d < documents.Count; d++)
        {
            var vector = documents[d].Select(kv => (kv.Key, kv.Value * idf[kv.Key])).Where(x => x.Item2 > 0).ToList();
            double norm = Math.Sqrt(vector.Sum(x => (double)x.Item2 * x.Item2));
            vectors[d] = norm > 0 ? vector.Select(x => (x.Key, (float)(x.Item2 / norm))).ToList() : [];
            foreach (var (term, _) in vectors[d])
            {
                perTerm[term + 1]++;
            }
        }

        for (int t = 0; t < termCount; t++)
        {
            perTerm[t + 1] += perTerm[t];
        }

        _offsets = perTerm;
        _docs = new int[perTerm[termCount]];
        _weights = new float[perTerm[termCount]];
        var fill = (int[])perTerm.Clone();
        for (int d = 0; d < vectors.Length; d++)
        {
            foreach (var (term, weight) in vectors[d])
            {
                int at = fill[term]++;
                _docs[at] = d;
                _weights[at] = weight;
            }
        }
    }

    public int DocumentCount { get; }

    public int TermCount => _offsets.Length - 1;

    /// <summary>Number of documents containing <paramref name="term"/>.</summary>
    public int Frequency(int term) => term < TermCount ? _offsets[term + 1] - _offsets[term] : 0;

    /// <summary>Adds <c>queryWeight × documentWeight</c> for the term to <paramref name="scores"/>.</summary>
    public void Accumulate(int term, float queryWeight, Span<float> scores, Span<float> coverage, float coverageWeight)
    {
        if (term >= TermCount)
        {
            return;
        }

        int end = _offsets[term + 1];
        for (int i = _offsets[term]; i < end; i++)
        {
            int doc = _docs[i];
            scores[doc] += queryWeight * _weights[i];
            if (!coverage.IsEmpty)
            {
                coverage[doc] += coverageWeight;
            }
        }
    }
}
