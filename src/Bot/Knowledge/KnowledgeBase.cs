using GridService.Bot.Knowledge.Learning;
using GridService.Bot.Knowledge.Retrieval;
using GridService.Bot.Knowledge.Text;

namespace GridService.Bot.Knowledge;

/// <summary>The loaded, validated entries and the retrieval index built from them (immutable, thread-safe).</summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, KnowledgeEntry> _byId;
    private readonly Lazy<DecisionModel> _model;
    private readonly ModelFiles? _modelFiles;

    private KnowledgeBase(
        IReadOnlyList<KnowledgeEntry> entries, IReadOnlyList<LabelledExample> corpus, KnowledgeOptions options, TextNormalizer normalizer,
        Lazy<DecisionModel>? model = null, ModelFiles? modelFiles = null)
    {
        Entries = entries;
        Corpus = corpus;
        Options = options;
        Normalizer = normalizer;
        _byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        Index = new RetrievalIndex(entries, normalizer);

        // Read or trained on first use (a host does it beside its start, ModelWarmup); engines over the same examples share it.
        _modelFiles = modelFiles;
        _model = model ?? new Lazy<DecisionModel>(() => DecisionModel.TrainOnce([.. TrainingExamples], Normalizer, modelFiles), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>All entries in load order.</summary>
    public IReadOnlyList<KnowledgeEntry> Entries { get; }

    /// <summary>The labelled corpus (<c>corpus/*.jsonl</c> beside the YAML files); empty when there is none.</summary>
    public IReadOnlyList<LabelledExample> Corpus { get; }

    /// <summary>What the learned engine trains on: every entry's examples, then the corpus.</summary>
    public IEnumerable<LabelledExample> TrainingExamples => LabelledExample.FromKnowledge(Entries).Concat(Corpus);

    /// <summary>The classifier trained on <see cref="TrainingExamples"/>; trained once per process, on first use.</summary>
    public DecisionModel Model => _model.Value;

    /// <summary>Local facts and thresholds in force.</summary>
    public KnowledgeOptions Options { get; }

    /// <summary>The normaliser used for examples; questions must go through the same one.</summary>
    public TextNormalizer Normalizer { get; }

    internal RetrievalIndex Index { get; }

    /// <summary>
    /// Loads every <c>*.yaml</c> under <paramref name="directory"/> and the corpus in its <c>corpus/</c> folder.
    /// Throws <see cref="KnowledgeBaseException"/> naming file and line on a missing field, unknown placeholder,
    /// duplicate id, a topic without an entry, or a corpus line that is not JSON or names an unknown label.
    /// </summary>
    /// <param name="directory">The knowledge folder (<see cref="FindDirectory"/>).</param>
    /// <param name="options">Local facts and thresholds.</param>
    /// <param name="modelFiles">Where trained models are kept between starts; null trains at every start.</param>
    public static KnowledgeBase Load(string directory, KnowledgeOptions options, ModelFiles? modelFiles = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new KnowledgeBase(KnowledgeLoader.LoadDirectory(directory), CorpusLoader.LoadDirectory(directory), options, TextNormalizer.Default,
            modelFiles: modelFiles);
    }

    /// <summary>The same entries and options with another corpus (cross-validation trains on part of it).</summary>
    public KnowledgeBase WithCorpus(IEnumerable<LabelledExample> corpus) => new(Entries, [.. corpus], Options, Normalizer);

    /// <summary>The same entries and corpus under other options (another engine or thresholds); the model is shared.</summary>
    public KnowledgeBase WithOptions(KnowledgeOptions options) => new(Entries, Corpus, options, Normalizer, _model, _modelFiles);

    /// <summary>
    /// This knowledge base with reviewed additions: <paramref name="topics"/> as new entries and
    /// <paramref name="examples"/> as more labelled questions. Its model is trained for it alone, on first use.
    /// </summary>
    public KnowledgeBase WithAdditions(IEnumerable<KnowledgeEntry> topics, IEnumerable<LabelledExample> examples)
    {
        var entries = Entries.Concat(topics).ToList();
        var corpus = Corpus.Concat(examples).ToList();
        var normalizer = Normalizer;
        var files = _modelFiles;
        var model = new Lazy<DecisionModel>(
            () => DecisionModel.LoadOrTrain([.. LabelledExample.FromKnowledge(entries).Concat(corpus)], normalizer, files),
            LazyThreadSafetyMode.ExecutionAndPublication);
        return new KnowledgeBase(entries, corpus, Options, normalizer, model, files);
    }

    /// <summary>Builds a knowledge base from entries made in code (benchmarks, tests); no topic completeness check.</summary>
    public static KnowledgeBase FromEntries(IEnumerable<KnowledgeEntry> entries, KnowledgeOptions options, IEnumerable<LabelledExample>? corpus = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = entries.ToList();
        var duplicate = list.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var second = duplicate.ElementAt(1);
            throw new KnowledgeBaseException(second.SourceFile, second.Line, $"duplicate id '{duplicate.Key}'");
        }

        return new KnowledgeBase(list, [.. corpus ?? []], options, TextNormalizer.Default);
    }

    /// <summary>
    /// The knowledge folder: the configured one, else <c>knowledge/</c> beside the app (copied there at build),
    /// else the repository's <c>knowledge/</c> found by walking up from the app and the working directory.
    /// </summary>
    public static string FindDirectory(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        string beside = Path.Combine(AppContext.BaseDirectory, "knowledge");
        if (Directory.Exists(beside) && Directory.EnumerateFiles(beside, "*.yaml", SearchOption.AllDirectories).Any())
        {
            return beside;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "knowledge");
                if (File.Exists(Path.Combine(dir.FullName, "GridService.sln")) && Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new KnowledgeBaseException(beside, 0, "knowledge directory not found beside the app or in the repository");
    }

    /// <summary>The entry with this topic id, or null.</summary>
    public KnowledgeEntry? Find(string id) => _byId.GetValueOrDefault(id);

    internal KnowledgeEntry this[int index] => Entries[index];
}
