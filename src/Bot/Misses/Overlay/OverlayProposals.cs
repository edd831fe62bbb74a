using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Bot.Misses.Overlay;

/// <summary>What a proposal asks for.</summary>
public enum ProposalKind
{
    /// <summary>Add residents' phrasings to an existing topic.</summary>
    Phrasing,

    /// <summary>A new topic with its answer.</summary>
    NewTopic,
}

/// <summary>Where a proposal stands.</summary>
public enum ProposalStatus { Pending, Approved, Rejected }

/// <summary>A proposed change to the knowledge overlay, made from the console's misses and reviewed by the service centre.</summary>
/// <param name="Id">Proposal id.</param>
/// <param name="Kind">More phrasings, or a new topic.</param>
/// <param name="TopicId">The topic the phrasings belong to (for a new topic, its new id).</param>
/// <param name="Title">New topic: its title.</param>
/// <param name="Answer">New topic: its answer.</param>
/// <param name="Phrasings">The residents' questions (personal numbers masked).</param>
/// <param name="AreaId">The area the misses came from.</param>
/// <param name="ProposedBy">Staff id.</param>
/// <param name="ProposedAt">When.</param>
/// <param name="Status">Pending, approved or rejected.</param>
/// <param name="ReviewedBy">Who reviewed it.</param>
/// <param name="ReviewedAt">When.</param>
/// <param name="Note">The reviewer's note.</param>
public sealed record OverlayProposal(
    string Id, ProposalKind Kind, string TopicId, string? Title, string? Answer, IReadOnlyList<string> Phrasings, string AreaId,
    string ProposedBy, DateTimeOffset ProposedAt, ProposalStatus Status = ProposalStatus.Pending, string? ReviewedBy = null,
    DateTimeOffset? ReviewedAt = null, string? Note = null);

/// <summary>
/// The reviewed overlay in the store: proposals by id and a version that every approval raises, with a pub/sub
/// message so each Bot instance reloads at once (and a periodic version check in case one was missed).
/// </summary>
public sealed class OverlayProposals(RedisStore store, TimeProvider time)
{
    private const int MaxPhrasings = 50;
    private const int MaxTextLength = 2_000;

    private IDatabase Db => store.Db;

    private string ProposalsKey => $"{store.Keys.Prefix}:{{kb-overlay}}:proposals";

    private string VersionKey => $"{store.Keys.Prefix}:{{kb-overlay}}:version";

    /// <summary>The channel announcing a new version.</summary>
    public RedisChannel Changed => RedisChannel.Literal($"{store.Keys.Prefix}:kb-overlay:changed");

    /// <summary>Stores a new pending proposal; returns it.</summary>
    /// <exception cref="ArgumentException">Nothing to add, or a new topic without a title and an answer.</exception>
    public async Task<OverlayProposal> ProposeAsync(
        ProposalKind kind, string? topicId, string? title, string? answer, IEnumerable<string> phrasings, string areaId, string proposedBy)
    {
        ArgumentNullException.ThrowIfNull(phrasings);
        var texts = phrasings.Select(p => Masking.MaskText(p.Trim())).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxPhrasings).ToList();
        if (texts.Count == 0) throw new ArgumentException("请至少选一条问法。");
        if (texts.Any(t => t.Length > MaxTextLength)) throw new ArgumentException("问法太长了。");
        var now = time.GetUtcNow();
        var id = string.Create(CultureInfo.InvariantCulture, $"P{Zones.Local(now, Zones.Default):yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        if (kind == ProposalKind.NewTopic)
        {
            if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(answer)) throw new ArgumentException("新主题要写标题和答复内容。");
            if (answer.Length > MaxTextLength || title.Length > 100) throw new ArgumentException("标题或答复太长了。");
            topicId = "local." + id.ToLowerInvariant();
        }
        else if (string.IsNullOrWhiteSpace(topicId))
        {
            throw new ArgumentException("请选择要加入的主题。");
        }

        var proposal = new OverlayProposal(id, kind, topicId!, title?.Trim(), answer?.Trim(), texts, areaId, proposedBy, now);
        await Db.HashSetAsync(ProposalsKey, id, Serialize(proposal));
        return proposal;
    }

    /// <summary>Every proposal, newest first.</summary>
    public async Task<IReadOnlyList<OverlayProposal>> ListAsync() =>
        [.. (await Db.HashValuesAsync(ProposalsKey)).Select(v => Deserialize(v!)).OrderByDescending(p => p.ProposedAt)];

    /// <summary>Approves or rejects a pending proposal; an approval raises the version and tells every instance. Null when not pending.</summary>
    public async Task<OverlayProposal?> ReviewAsync(string id, bool approve, string reviewedBy, string? note)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var json = await Db.HashGetAsync(ProposalsKey, id);
            if (json.IsNull) return null;
            var proposal = Deserialize(json!);
            if (proposal.Status != ProposalStatus.Pending) return null;
            var reviewed = proposal with
            {
                Status = approve ? ProposalStatus.Approved : ProposalStatus.Rejected, ReviewedBy = reviewedBy, ReviewedAt = time.GetUtcNow(),
                Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            };
            var tx = Db.CreateTransaction();
            tx.AddCondition(Condition.HashEqual(ProposalsKey, id, json));
            _ = tx.HashSetAsync(ProposalsKey, id, Serialize(reviewed));
            if (approve) _ = tx.StringIncrementAsync(VersionKey);
            if (!await tx.ExecuteAsync()) continue;
            if (approve) await Db.PublishAsync(Changed, id);
            return reviewed;
        }

        return null;
    }

    /// <summary>The current version (0 before any approval).</summary>
    public async Task<long> VersionAsync() => (long?)await Db.StringGetAsync(VersionKey) ?? 0;

    /// <summary>The approved additions as the engine reads them.</summary>
    public async Task<KnowledgeOverlaySnapshot> SnapshotAsync()
    {
        // Version first: a snapshot is never older than the version it claims.
        var version = await VersionAsync();
        var approved = (await ListAsync()).Where(p => p.Status == ProposalStatus.Approved).OrderBy(p => p.ReviewedAt).ToList();
        var examples = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var p in approved)
        {
            if (!examples.TryGetValue(p.TopicId, out var list)) examples[p.TopicId] = list = [];
            list.AddRange(p.Phrasings.Where(t => !list.Contains(t, StringComparer.Ordinal)));
        }

        var topics = approved.Where(p => p.Kind == ProposalKind.NewTopic)
            .Select(p => new OverlayTopic(p.TopicId, p.Title!, p.Answer!, examples[p.TopicId])).ToList();
        return new KnowledgeOverlaySnapshot(version, examples.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal), topics);
    }

    private static string Serialize(OverlayProposal p) => JsonSerializer.Serialize(p, OverlayJson.Default.OverlayProposal);

    private static OverlayProposal Deserialize(string json) =>
        JsonSerializer.Deserialize(json, OverlayJson.Default.OverlayProposal) ?? throw new InvalidDataException("Stored proposal is JSON null.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OverlayProposal))]
internal sealed partial class OverlayJson : JsonSerializerContext;
