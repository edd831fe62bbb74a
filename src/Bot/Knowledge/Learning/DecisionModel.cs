using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using GridService.Bot.Knowledge.Text;

namespace GridService.Bot.Knowledge.Learning;

/// <summary>A message as every learned step sees it: normalised, numbers masked, with and without polite filler.</summary>
/// <param name="WithFiller">Normalised and masked, polite words kept ("谢谢" alone must stay visible).</param>
/// <param name="Text">The same without leading and trailing filler: what the classifier and the policy read.</param>
internal readonly record struct PreparedText(string WithFiller, string Text)
{
    public static PreparedText From(TextNormalizer normalizer, string? raw)
    {
        string withFiller = Filler.StripBotName(NumberMask.Apply(normalizer.NormalizeKeepFiller(raw)));
        return new PreparedText(withFiller, Filler.Strip(withFiller));
    }
}

/// <summary>
/// The trained classifier of the learned engine and how it was made. Trained from the knowledge base's examples
/// plus the labelled corpus; the same preparation (<see cref="PreparedText"/>) and the same rule signals
/// (<see cref="RuleSignals"/>) are applied when training and deciding, so both sides meet in one form.
/// </summary>
public sealed class DecisionModel
{
    private DecisionModel(TextClassifier classifier, int examples, TimeSpan trainingTime)
    {
        Classifier = classifier;
        ExampleCount = examples;
        TrainingTime = trainingTime;
    }

    /// <summary>How many labelled questions it was trained on.</summary>
    public int ExampleCount { get; }

    /// <summary>Wall time of training (reported at start-up and by <c>bench decisions</c>).</summary>
    public TimeSpan TrainingTime { get; }

    /// <summary>How many distinct n-gram and word features it knows.</summary>
    public int FeatureCount => Classifier.FeatureCount;

    /// <summary>The labels it can predict.</summary>
    public IReadOnlyList<string> Labels => Classifier.Labels;

    internal TextClassifier Classifier { get; }

    /// <summary>The probability of every label for a prepared text; returns the most probable label's index.</summary>
    internal int Predict(string text, string withFiller, Span<float> probabilities)
    {
        Span<ulong> signals = stackalloc ulong[RuleSignals.Max];
        int n = RuleSignals.Write(text, withFiller, signals);
        return Classifier.Predict(text, signals[..n], probabilities);
    }

    private static ulong[] Signals(string text, string withFiller)
    {
        Span<ulong> signals = stackalloc ulong[RuleSignals.Max];
        return signals[..RuleSignals.Write(text, withFiller, signals)].ToArray();
    }

    // Models by a hash of what they were trained on: several hosts in one process (the end-to-end tests start dozens)
    // train once. A production process has one host and one entry.
    private static readonly ConcurrentDictionary<string, Lazy<DecisionModel>> Trained = new(StringComparer.Ordinal);

    /// <summary>
    /// The model for exactly these examples: trained once per process, then shared (it is immutable). The key is a
    /// SHA-256 of every text and label, so any change to the knowledge base or the corpus trains a new one.
    /// </summary>
    public static DecisionModel TrainOnce(IReadOnlyList<LabelledExample> examples, TextNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(examples);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var e in examples)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(e.Text + "\u0001" + e.Label + "\u0002"));
        }

        string key = Convert.ToHexString(sha.GetHashAndReset());
        return Trained.GetOrAdd(key, _ => new Lazy<DecisionModel>(() => Train(examples, normalizer), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Trains on <paramref name="examples"/> (raw questions; they are prepared here).</summary>
    public static DecisionModel Train(IEnumerable<LabelledExample> examples, TextNormalizer normalizer) =>
        Train(examples, normalizer, null);

    internal static DecisionModel Train(IEnumerable<LabelledExample> examples, TextNormalizer normalizer, TrainerOptions? options)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(normalizer);
        long started = Stopwatch.GetTimestamp();
        var prepared = examples.Select(e => (Text: PreparedText.From(normalizer, e.Text), e.Label))
            .Where(e => e.Text.Text.Length > 0)
            .Select(e => new TrainingItem(e.Text.Text, e.Label, Signals(e.Text.Text, e.Text.WithFiller)))
            .ToList();
        var classifier = ClassifierTrainer.Train(prepared, options);
        return new DecisionModel(classifier, prepared.Count, Stopwatch.GetElapsedTime(started));
    }
}
