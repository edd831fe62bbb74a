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
    private DecisionModel(TextClassifier classifier, int examples, TimeSpan trainingTime, string? loadedFrom = null, TimeSpan loadTime = default)
    {
        Classifier = classifier;
        ExampleCount = examples;
        TrainingTime = trainingTime;
        LoadedFrom = loadedFrom;
        LoadTime = loadTime;
    }

    /// <summary>How many labelled questions it was trained on.</summary>
    public int ExampleCount { get; }

    /// <summary>Wall time of training (reported at start-up and by <c>bench decisions</c>).</summary>
    public TimeSpan TrainingTime { get; }

    /// <summary>The file it was read from (<see cref="ModelFiles"/>), or null when it was trained in this process.</summary>
    public string? LoadedFrom { get; }

    /// <summary>How long reading it from <see cref="LoadedFrom"/> took.</summary>
    public TimeSpan LoadTime { get; }

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
    /// The model for exactly these examples: trained once per process, then shared (it is immutable). With
    /// <paramref name="files"/> it is read from there when this build trained it before on the same examples, and kept
    /// there after training otherwise.
    /// </summary>
    public static DecisionModel TrainOnce(IReadOnlyList<LabelledExample> examples, TextNormalizer normalizer, ModelFiles? files = null)
    {
        string key = KeyOf(examples, normalizer);
        return Trained.GetOrAdd(key, _ => new Lazy<DecisionModel>(() => LoadOrTrain(examples, normalizer, files, key),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// Like <see cref="TrainOnce"/> without the process-wide sharing: for models that are replaced while the process
    /// runs (the knowledge base with the console's reviewed additions), which must not stay in memory once replaced.
    /// </summary>
    public static DecisionModel LoadOrTrain(IReadOnlyList<LabelledExample> examples, TextNormalizer normalizer, ModelFiles? files) =>
        LoadOrTrain(examples, normalizer, files, files is null ? "" : KeyOf(examples, normalizer));

    private static DecisionModel LoadOrTrain(IReadOnlyList<LabelledExample> examples, TextNormalizer normalizer, ModelFiles? files, string key)
    {
        if (files?.TryLoad(key) is { } kept)
        {
            return kept;
        }

        var model = Train(examples, normalizer);
        files?.Save(key, model);
        return model;
    }

    /// <summary>
    /// A SHA-256 of every text and label, the normaliser (its ICU library decides how traditional characters read) and
    /// this assembly's build id: a change to the knowledge base, the corpus or the code that trains gives another key.
    /// </summary>
    public static string KeyOf(IReadOnlyList<LabelledExample> examples, TextNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(normalizer);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(typeof(DecisionModel).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        sha.AppendData(Encoding.UTF8.GetBytes(normalizer.TraditionalSource + "\u0003"));
        foreach (var e in examples)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(e.Text + "\u0001" + e.Label + "\u0002"));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    internal static DecisionModel Loaded(TextClassifier classifier, int examples, TimeSpan trainingTime, string path, TimeSpan loadTime) =>
        new(classifier, examples, trainingTime, path, loadTime);

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
