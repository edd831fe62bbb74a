namespace GridService.Bot.Knowledge.Learning;

/// <summary>A prepared training text, its label and its signals (see <see cref="RuleSignals"/>).</summary>
internal sealed record TrainingItem(string Text, string Label, ulong[] Signals);

/// <summary>How <see cref="ClassifierTrainer"/> trains; the defaults were chosen by cross-validation on the corpus.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="LearningRate">AdaGrad's base step.</param>
/// <param name="L2">Weight decay on every weight a step touches (keeps rare n-grams from carrying a decision).</param>
/// <param name="MinCount">A feature must occur in this many training messages to be kept.</param>
/// <param name="Seed">Shuffling seed: the same data always gives the same model.</param>
internal sealed record TrainerOptions(int Epochs = 10, float LearningRate = 0.25f, float L2 = 2e-5f, int MinCount = 1, int Seed = 17)
{
    public static TrainerOptions Default { get; } = new();
}

/// <summary>
/// Trains a <see cref="TextClassifier"/> by stochastic gradient descent on the multinomial log-loss with AdaGrad
/// step sizes (features seen rarely keep larger steps, which suits n-grams). The knowledge base and the corpus (about
/// 5,800 questions) train in about a second on one core, so the model is rebuilt at every start-up from the files in
/// the repository and nothing binary is checked in.
/// </summary>
internal static class ClassifierTrainer
{
    private const float Epsilon = 1e-6f;

    /// <summary>Trains on already prepared (normalised, masked) texts.</summary>
    public static TextClassifier Train(IReadOnlyList<(string Text, string Label)> examples, TrainerOptions? options = null) =>
        Train(examples.Select(e => new TrainingItem(e.Text, e.Label, [])).ToList(), options);

    /// <summary>Trains on prepared texts, each with its signals beside the n-grams.</summary>
    public static TextClassifier Train(IReadOnlyList<TrainingItem> examples, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= TrainerOptions.Default;
        var labels = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var vocabulary = BuildVocabulary(examples, options.MinCount);
        int classes = labels.Count;

        // Every example's distinct feature ids, back to back in one array; its signals in their own.
        var offsets = new int[examples.Count + 1];
        var ids = new List<int>(examples.Count * 40);
        var targets = new int[examples.Count];
        var signals = new int[examples.Count][];
        Span<ulong> keys = stackalloc ulong[TextFeatures.MaxFeatures];
        var buffer = new int[TextFeatures.MaxFeatures];
        for (int i = 0; i < examples.Count; i++)
        {
            int count = TextFeatures.Extract(examples[i].Text, keys);
            int n = 0;
            for (int k = 0; k < count; k++)
            {
                if (vocabulary.TryGetValue(keys[k], out int id))
                {
                    buffer[n++] = id;
                }
            }

            n = TextClassifier.Distinct(buffer.AsSpan(0, n));
            ids.AddRange(buffer.AsSpan(0, n));
            offsets[i + 1] = ids.Count;
            targets[i] = labelIndex[examples[i].Label];
            signals[i] = [.. examples[i].Signals.Where(vocabulary.ContainsKey).Select(k => vocabulary[k])];
        }

        var weights = new float[vocabulary.Count * classes];
        var bias = new float[classes];
        Fit(ids.ToArray(), offsets, signals, targets, weights, bias, classes, options);
        return new TextClassifier(labels, vocabulary, weights, bias);
    }

    private static Dictionary<ulong, int> BuildVocabulary(IReadOnlyList<TrainingItem> examples, int minCount)
    {
        var counts = new Dictionary<ulong, int>();
        Span<ulong> keys = stackalloc ulong[TextFeatures.MaxFeatures];
        var seen = new HashSet<ulong>();
        foreach (var (text, _, signals) in examples)
        {
            foreach (ulong key in signals.Distinct())
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }

            int count = TextFeatures.Extract(text, keys);
            seen.Clear();
            for (int k = 0; k < count; k++)
            {
                if (seen.Add(keys[k]))
                {
                    counts[keys[k]] = counts.GetValueOrDefault(keys[k]) + 1;
                }
            }
        }

        // Ids in key order, so the same data always gives the same layout.
        var vocabulary = new Dictionary<ulong, int>();
        foreach (var key in counts.Where(c => c.Value >= minCount).Select(c => c.Key).Order())
        {
            vocabulary[key] = vocabulary.Count;
        }

        return vocabulary;
    }

    private static void Fit(int[] ids, int[] offsets, int[][] signals, int[] targets, float[] weights, float[] bias, int classes, TrainerOptions o)
    {
        var squared = new float[weights.Length];
        var biasSquared = new float[classes];
        var probabilities = new float[classes];
        var order = Enumerable.Range(0, targets.Length).ToArray();
        var random = new Random(o.Seed);
        for (int epoch = 0; epoch < o.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (int i in order)
            {
                var x = ids.AsSpan(offsets[i], offsets[i + 1] - offsets[i]);
                float value = x.Length == 0 ? 0f : 1f / MathF.Sqrt(x.Length);

                // Forward: scores, then probabilities; the gradient of the log-loss is p - onehot.
                bias.CopyTo(probabilities, 0);
                foreach (int id in x)
                {
                    Vectors.AddScaled(probabilities, weights.AsSpan(id * classes, classes), value);
                }

                foreach (int id in signals[i])
                {
                    Vectors.AddScaled(probabilities, weights.AsSpan(id * classes, classes), 1f);
                }

                TextClassifier.Softmax(probabilities);
                probabilities[targets[i]] -= 1f;

                foreach (int id in x)
                {
                    Vectors.AdaGradStep(weights.AsSpan(id * classes, classes), squared.AsSpan(id * classes, classes), probabilities, value, o.L2, o.LearningRate);
                }

                foreach (int id in signals[i])
                {
                    Vectors.AdaGradStep(weights.AsSpan(id * classes, classes), squared.AsSpan(id * classes, classes), probabilities, 1f, o.L2, o.LearningRate);
                }

                for (int c = 0; c < classes; c++)
                {
                    float g = probabilities[c];
                    biasSquared[c] += g * g;
                    bias[c] -= o.LearningRate * g / (MathF.Sqrt(biasSquared[c]) + Epsilon);
                }
            }
        }
    }
}
