using System.Text.Json;
using GridService.Core.Chat;
using GridService.Core.Storage;
using GridService.Core.Templates;

namespace GridService.Core.Digest;

/// <summary>
/// What the Bot knows about one area for the manager's daily digest, as of <see cref="AsOf"/>: today's new orders,
/// the open ones, those past their deadline, and the questions the bot missed.
/// </summary>
/// <param name="AreaId">The area.</param>
/// <param name="AsOf">When the Bot took the snapshot.</param>
/// <param name="OpenedToday">Orders opened today (area time).</param>
/// <param name="Open">Orders still being worked on.</param>
/// <param name="Breaches">Open orders past their deadline.</param>
/// <param name="Misses">Questions of the last day the bot neither answered nor escalated.</param>
public sealed record AreaDigestFeed(
    string AreaId, DateTimeOffset AsOf, int OpenedToday, IReadOnlyList<DigestOrder> Open, IReadOnlyList<DigestOrder> Breaches,
    IReadOnlyList<MissedQuestion> Misses);

/// <summary>
/// The Bot's half of the manager's daily digest: the Bot owns work orders and the questions it missed, the
/// Notifier owns the digest job and the billing half; they share only Redis, so the Bot keeps a snapshot per area
/// here (refreshed every minute or so) and the Notifier reads it when the digest falls due.
/// </summary>
public sealed class DigestFeed(RedisStore store)
{
    private string Key => $"{store.Keys.Prefix}:digest-feed";

    /// <summary>Replaces the area's snapshot.</summary>
    public Task PublishAsync(AreaDigestFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        return store.Db.HashSetAsync(Key, feed.AreaId, JsonSerializer.Serialize(feed, CoreJson.Compact.AreaDigestFeed));
    }

    /// <summary>The area's latest snapshot, or null when the Bot never published one.</summary>
    public async Task<AreaDigestFeed?> GetAsync(string areaId)
    {
        var json = await store.Db.HashGetAsync(Key, areaId);
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, CoreJson.Default.AreaDigestFeed);
    }
}
