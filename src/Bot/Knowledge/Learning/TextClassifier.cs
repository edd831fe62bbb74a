using System.Runtime.InteropServices;

namespace GridService.Bot.Knowledge.Learning;

/// <summary>
/// A multinomial logistic regression (maximum entropy) over <see cref="TextFeatures"/>: one weight per (feature,
/// label) and a bias per label; a message's features are binary and scaled to unit length, so a long message does
/// not get over-confident merely by being long. Immutable after training and safe to share between threads;
/// <c>Predict</c> allocates nothing.
/// </summary>
internal sealed class TextClassifier
{
    private readonly Dictionary<ulong, int> _vocabulary;
    // 16-bit weights, one scale for the model: 4.3 million weights take 8.6 MB instead of 17 MB of a serving process's
    // memory, and every evaluation set and the 5-fold CV decide exactly as with full floats (docs/decisions.md).
    private readonly short[] _weights;
    private readonly float _weightScale;
    private readonly float[] _bias;

    internal TextClassifier(IReadOnlyList<string> labels, Dictionary<ulong, int> vocabulary, float[] weights, float[] bias)
    {
        Labels = labels;
        _vocabulary = vocabulary;
        float largest = 0;
        foreach (float w in weights)
        {
            largest = Math.Max(largest, Math.Abs(w));
        }

        _weightScale = largest > 0 ? largest / short.MaxValue : 1f;
        _weights = new short[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            _weights[i] = (short)MathF.Round(weights[i] / _weightScale);
        }

        _bias = bias;
        LabelCount = labels.Count;
    }

    private TextClassifier(IReadOnlyList<string> labels, Dictionary<ulong, int> vocabulary, short[] weights, float weightScale, float[] bias)
    {
        Labels = labels;
        _vocabulary = vocabulary;
        _weights = weights;
        _weightScale = weightScale;
        _bias = bias;
        LabelCount = labels.Count;
    }

    /// <summary>The labels, in the order of the probabilities <c>Predict</c> writes.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>How many labels.</summary>
    public int LabelCount { get; }

    /// <summary>How many distinct features were seen in training.</summary>
    public int FeatureCount => _vocabulary.Count;

    /// <summary>Index of <paramref name="label"/>, or -1.</summary>
    public int IndexOf(string label)
    {
        for (int i = 0; i < Labels.Count; i++)
        {
            if (Labels[i] == label)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Writes the probability of every label for a normalised message to <paramref name="probabilities"/> (length
    /// <see cref="LabelCount"/>) and returns the most probable label's index. A message with no known feature
    /// gets the prior (the biases alone).
    /// </summary>
    public int Predict(ReadOnlySpan<char> text, Span<float> probabilities) => Predict(text, [], probabilities);

    /// <summary>
    /// Like <see cref="Predict(ReadOnlySpan{char}, Span{float})"/> with signals beside the n-grams (the rules'
    /// recognisers), each worth a full unit: unlike n-grams they are few and are not scaled by the message length.
    /// </summary>
    public int Predict(ReadOnlySpan<char> text, ReadOnlySpan<ulong> signals, Span<float> probabilities)
    {
        Span<int> ids = stackalloc int[TextFeatures.MaxFeatures];
        int n = Encode(text, ids);
        Span<int> known = stackalloc int[signals.Length];
        int k = 0;
        foreach (ulong key in signals)
        {
            if (_vocabulary.TryGetValue(key, out int id))
            {
                known[k++] = id;
            }
        }

        return Predict(ids[..n], known[..k], probabilities);
    }

    /// <summary>The known, distinct feature ids of a message (sorted).</summary>
    internal int Encode(ReadOnlySpan<char> text, Span<int> ids)
    {
        Span<ulong> keys = stackalloc ulong[TextFeatures.MaxFeatures];
        int count = TextFeatures.Extract(text, keys);
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            if (_vocabulary.TryGetValue(keys[i], out int id))
            {
                ids[n++] = id;
            }
        }

        return Distinct(ids[..n]);
    }

    internal int Predict(ReadOnlySpan<int> ids, ReadOnlySpan<int> signals, Span<float> probabilities)
    {
        var scores = probabilities[..LabelCount];
        _bias.CopyTo(scores);
        float value = ids.Length == 0 ? 0f : 1f / MathF.Sqrt(ids.Length);
        foreach (int id in ids)
        {
            Add(scores, id, value);
        }

        foreach (int id in signals)
        {
            Add(scores, id, 1f);
        }

        return Softmax(scores);
    }

    private void Add(Span<float> scores, int id, float value) =>
        Vectors.AddScaled(scores, _weights.AsSpan(id * LabelCount, LabelCount), value * _weightScale);

    /// <summary>Writes the model exactly as it decides: the 16-bit weights and their scale, not the floats it was trained with.</summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(LabelCount);
        foreach (string label in Labels)
        {
            writer.Write(label);
        }

        writer.Write(_vocabulary.Count);
        foreach (var (key, id) in _vocabulary)
        {
            writer.Write(key);
            writer.Write(id);
        }

        writer.Write(_weightScale);
        writer.Write(_weights.Length);
        writer.Write(MemoryMarshal.AsBytes(_weights.AsSpan()));
        writer.Write(_bias.Length);
        writer.Write(MemoryMarshal.AsBytes(_bias.AsSpan()));
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="InvalidDataException"/> when the shapes disagree.</summary>
    internal static TextClassifier Read(BinaryReader reader)
    {
        int labelCount = reader.ReadInt32();
        var labels = new string[Check(labelCount, 1 << 16)];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = reader.ReadString();
        }

        int features = Check(reader.ReadInt32(), 1 << 26);
        if ((long)features * (sizeof(ulong) + sizeof(int)) > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw new InvalidDataException($"{features} features cannot fit in what is left of the file");
        }

        var vocabulary = new Dictionary<ulong, int>(features);
        for (int i = 0; i < features; i++)
        {
            ulong key = reader.ReadUInt64();
            int id = reader.ReadInt32();
            if ((uint)id >= (uint)features || !vocabulary.TryAdd(key, id))
            {
                throw new InvalidDataException($"feature {i}: id {id} out of range or repeated");
            }
        }

        float scale = reader.ReadSingle();
        int weightCount = reader.ReadInt32();
        long remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (weightCount != (long)features * labelCount || (long)weightCount * sizeof(short) > remaining)
        {
            throw new InvalidDataException($"{weightCount} weights for {features} features × {labelCount} labels in {remaining} bytes");
        }

        var weights = new short[weightCount];

        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(weights.AsSpan()));
        var bias = new float[Check(reader.ReadInt32(), labelCount)];
        if (bias.Length != labelCount)
        {
            throw new InvalidDataException($"{bias.Length} biases for {labelCount} labels");
        }

        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(bias.AsSpan()));
        return new TextClassifier(labels, vocabulary, weights, scale, bias);

        static int Check(int count, int max) =>
            count >= 0 && count <= max ? count : throw new InvalidDataException($"count {count} outside 0..{max}");
    }

    /// <summary>Turns scores into probabilities in place; returns the index of the largest.</summary>
    internal static int Softmax(Span<float> scores)
    {
        int best = 0;
        for (int c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        float max = scores[best];
        float sum = 0;
        for (int c = 0; c < scores.Length; c++)
        {
            scores[c] = MathF.Exp(scores[c] - max);
            sum += scores[c];
        }

        for (int c = 0; c < scores.Length; c++)
        {
            scores[c] /= sum;
        }

        return best;
    }

    internal static int Distinct(Span<int> ids)
    {
        if (ids.Length < 2)
        {
            return ids.Length;
        }

        ids.Sort();
        int n = 1;
        for (int i = 1; i < ids.Length; i++)
        {
            if (ids[i] != ids[n - 1])
            {
                ids[n++] = ids[i];
            }
        }

        return n;
    }
}
