using GridService.Bot.Knowledge;
using GridService.Bot.Knowledge.Learning;
using Microsoft.Extensions.Primitives;

namespace GridService.Bot.Misses.Overlay;

/// <summary>
/// Teaches the decision engine what the console's reviewers approved, without a restart: at start-up and on every
/// new <see cref="KnowledgeOverlaySnapshot"/> it builds the loaded knowledge base plus the approved phrasings (as
/// labelled questions of their topic) and the approved new topics (as entries), trains the model off the message
/// path and swaps it in whole. An overlay topic whose answer names an unknown placeholder, or whose id is not
/// <c>local.*</c> or is taken, is left out with a warning; the rest still apply.
/// </summary>
public sealed partial class OverlayLearning(
    IKnowledgeOverlay overlay, DecisionEngine engine, KnowledgeBase loaded, ILogger<OverlayLearning> logger) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0);
    private IDisposable? _subscription;
    private long _applied;

    /// <summary>The overlay version the engine decides with (0: the loaded knowledge base alone).</summary>
    public long AppliedVersion => Interlocked.Read(ref _applied);

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The overlay has loaded its snapshot by now (it starts first): decide with it from the first message.
        Apply(overlay.Current);
        _subscription = ChangeToken.OnChange(overlay.GetChangeToken, () => _changed.Release());
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _changed.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // Training takes about a second: never on a caller's thread, and several approvals in a row train once.
            while (_changed.CurrentCount > 0) await _changed.WaitAsync(stoppingToken);
            Apply(overlay.Current);
        }
    }

    /// <summary>Builds, trains and swaps in the knowledge base with <paramref name="snapshot"/>'s additions.</summary>
    public void Apply(KnowledgeOverlaySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Version == AppliedVersion) return;
        var topics = new List<KnowledgeEntry>();
        foreach (var topic in snapshot.Topics)
        {
            if (Problem(topic) is { } problem)
            {
                Log.TopicSkipped(logger, topic.Id, problem);
                continue;
            }

            topics.Add(new KnowledgeEntry(topic.Id, topic.Title, topic.Answer, topic.Examples, [], [], "overlay", 0));
        }

        var known = loaded.Entries.Select(e => e.Id).Concat(topics.Select(t => t.Id)).ToHashSet(StringComparer.Ordinal);
        var examples = snapshot.Examples
            .Where(p => known.Contains(p.Key))
            .SelectMany(p => p.Value.Select((text, i) => new LabelledExample(text, "answer:" + p.Key, $"overlay:{p.Key}#{i + 1}", "overlay")))
            .ToList();
        var kb = loaded.WithAdditions(topics, examples);
        if (kb.Options.Engine == DecisionEngineKind.Learned) _ = kb.Model; // trained here, before it takes any message
        engine.Use(kb);
        Interlocked.Exchange(ref _applied, snapshot.Version);
        Log.Applied(logger, snapshot.Version, examples.Count, topics.Count);
    }

    private string? Problem(OverlayTopic topic)
    {
        if (!topic.Id.StartsWith("local.", StringComparison.Ordinal)) return "its id does not start with local.";
        if (loaded.Find(topic.Id) is not null) return "its id is taken";
        if (string.IsNullOrWhiteSpace(topic.Answer) || topic.Examples.Count == 0) return "it has no answer or no example";
        var unknown = KnowledgeLoader.PlaceholderPattern().Matches(topic.Answer).Select(m => m.Groups[1].Value).FirstOrDefault(n => !Placeholders.IsKnown(n));
        return unknown is null ? null : $"its answer names the unknown placeholder {{{{{unknown}}}}}";
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _subscription?.Dispose();
        _changed.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Console + 22, LogLevel.Information, "Knowledge overlay {Version} in force: {Examples} reviewed phrasings, {Topics} new topics; model retrained")]
        public static partial void Applied(ILogger logger, long version, int examples, int topics);

        [LoggerMessage(EventIds.Console + 23, LogLevel.Warning, "Overlay topic {Topic} left out: {Problem}")]
        public static partial void TopicSkipped(ILogger logger, string topic, string problem);
    }
}
