using System.Text.Json;
using GridService.Core.Storage;

namespace GridService.Bot.Commands;

/// <summary>
/// A manager's outage notice between the preview and 确认 / 取消: one draft per manager and group in Redis, kept
/// for <see cref="Lifetime"/>, so a forgotten preview never gets published by a stray 确认 the next day.
/// </summary>
public sealed class NoticeDrafts(RedisStore store)
{
    /// <summary>How long a preview can be confirmed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private string Key(string groupId, string senderId) => $"{store.Keys.Prefix}:draft:{groupId}:{senderId}";

    /// <summary>Keeps <paramref name="notice"/> as the sender's draft in the group, replacing an earlier one.</summary>
    public Task SaveAsync(string groupId, string senderId, OutageNotice notice) =>
        store.Db.StringSetAsync(Key(groupId, senderId), JsonSerializer.Serialize(notice, CoreJson.Default.OutageNotice), Lifetime);

    /// <summary>The sender's draft in the group, or null when there is none (or it expired).</summary>
    public async Task<OutageNotice?> GetAsync(string groupId, string senderId)
    {
        var json = await store.Db.StringGetAsync(Key(groupId, senderId));
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, CoreJson.Default.OutageNotice);
    }

    /// <summary>Removes the draft; false when there was none.</summary>
    public Task<bool> DeleteAsync(string groupId, string senderId) => store.Db.KeyDeleteAsync(Key(groupId, senderId));
}
