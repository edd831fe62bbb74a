using Microsoft.Extensions.Primitives;

namespace GridService.Bot.Misses.Overlay;

/// <summary>A topic added through the console's review, not in <c>knowledge/*.yaml</c>.</summary>
/// <param name="Id">Its topic id (<c>local.*</c>), the label's tail: <c>answer:local.xxx</c>.</param>
/// <param name="Title">Short title for operators.</param>
/// <param name="Answer">The answer; <c>{{placeholders}}</c> as in the YAML entries.</param>
/// <param name="Examples">Questions as residents typed them.</param>
public sealed record OverlayTopic(string Id, string Title, string Answer, IReadOnlyList<string> Examples);

/// <summary>
/// The reviewed additions to the knowledge base at one moment: more phrasings for existing topics and new topics.
/// Immutable; a new snapshot replaces it when a proposal is approved (on any instance).
/// </summary>
/// <param name="Version">Increases with every approval; 0 for none.</param>
/// <param name="Examples">Approved phrasings by topic id (existing topics and overlay topics alike).</param>
/// <param name="Topics">Approved new topics.</param>
public sealed record KnowledgeOverlaySnapshot(long Version, IReadOnlyDictionary<string, IReadOnlyList<string>> Examples, IReadOnlyList<OverlayTopic> Topics)
{
    /// <summary>No additions.</summary>
    public static KnowledgeOverlaySnapshot Empty { get; } = new(0, new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), []);
}

/// <summary>
/// What the decision engine reads to learn from reviewed misses without a restart: the current snapshot, and a
/// change token that fires once when a newer one is in place. Consume it as
/// <c>ChangeToken.OnChange(overlay.GetChangeToken, () => Retrain(overlay.Current))</c>.
/// </summary>
public interface IKnowledgeOverlay
{
    /// <summary>The reviewed additions in force now.</summary>
    KnowledgeOverlaySnapshot Current { get; }

    /// <summary>A token that fires once <see cref="Current"/> has been replaced by a newer snapshot.</summary>
    IChangeToken GetChangeToken();
}
