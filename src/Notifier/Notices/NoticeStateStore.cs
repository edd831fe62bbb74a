using System.Globalization;
using System.Text.Json;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Notifier.Notices;

/// <summary>
/// A notice's Notifier-side state in one hash (details, and when each stage was requested) and the set of every
/// recipient any stage reached, so amendments, cancellations and the restoration go to everyone who got the original.
/// </summary>
public sealed class NoticeStateStore(RedisStore store)
{
    // A notice's Notifier-side state (details, revision, stages posted) and its recipients share a hash tag.
    private (string State, string Recipients) Keys(string noticeId) =>
        ($"{store.Keys.Prefix}:{{notice:{noticeId}}}:state", $"{store.Keys.Prefix}:{{notice:{noticeId}}}:recipients");

    private const string DetailsField = "details";
    private const string StagePrefix = "stage:";

    private IDatabase Db => store.Db;

    /// <summary>The notice's details, or null for a notice the Notifier did not create (treated as area-wide).</summary>
    public async Task<NoticeDetails?> GetDetailsAsync(string noticeId)
    {
        var json = await Db.HashGetAsync(Keys(noticeId).State, DetailsField);
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, NoticeJson.Default.NoticeDetails);
    }

    /// <summary>Stores the details.</summary>
    public Task SaveDetailsAsync(string noticeId, NoticeDetails details) =>
        Db.HashSetAsync(Keys(noticeId).State, DetailsField, JsonSerializer.Serialize(details, NoticeJson.Default.NoticeDetails));

    /// <summary>Records that <paramref name="stage"/> was requested at <paramref name="at"/>; the first record stays.</summary>
    public Task MarkStageAsync(string noticeId, string stage, DateTimeOffset at) =>
        Db.HashSetAsync(Keys(noticeId).State, StagePrefix + stage,
            at.ToString("O", CultureInfo.InvariantCulture), When.NotExists);

    /// <summary>Every stage requested so far (stage key → when).</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> StagesAsync(string noticeId)
    {
        var entries = await Db.HashGetAllAsync(Keys(noticeId).State);
        return entries
            .Where(e => ((string)e.Name!).StartsWith(StagePrefix, StringComparison.Ordinal))
            .ToDictionary(e => ((string)e.Name!)[StagePrefix.Length..], e => DateTimeOffset.Parse((string)e.Value!, CultureInfo.InvariantCulture));
    }

    /// <summary>Adds recipients (their <see cref="Audiences.Recipient.Key"/>s).</summary>
    public Task AddRecipientsAsync(string noticeId, IReadOnlyCollection<string> keys) =>
        keys.Count == 0 ? Task.CompletedTask : Db.SetAddAsync(Keys(noticeId).Recipients, [.. keys.Select(k => (RedisValue)k)]);

    /// <summary>Every recipient reached so far, sorted.</summary>
    public async Task<IReadOnlyList<string>> RecipientsAsync(string noticeId) =>
        [.. (await Db.SetMembersAsync(Keys(noticeId).Recipients)).Select(v => (string)v!).Order(StringComparer.Ordinal)];
}
