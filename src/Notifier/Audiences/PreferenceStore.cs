using System.Text.Json;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Notifier.Audiences;

/// <summary>Customers' delivery preferences in Redis, one hash field per account.</summary>
public sealed class PreferenceStore(RedisStore store)
{
    /// <summary>The account's preferences, or null when it has none.</summary>
    public async Task<RecipientPreferences?> GetAsync(string accountNo) =>
        Parse(await store.Db.HashGetAsync(store.Keys.Preferences, accountNo));

    /// <summary>Preferences of many accounts in one round trip, in the same order (null where none).</summary>
    public async Task<RecipientPreferences?[]> GetManyAsync(IReadOnlyList<string> accountNos)
    {
        ArgumentNullException.ThrowIfNull(accountNos);
        if (accountNos.Count == 0) return [];
        var values = await store.Db.HashGetAsync(store.Keys.Preferences, [.. accountNos.Select(a => (RedisValue)a)]);
        return [.. values.Select(Parse)];
    }

    /// <summary>Stores the account's preferences; all defaults remove the entry.</summary>
    public Task SetAsync(string accountNo, RecipientPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return preferences == new RecipientPreferences()
            ? store.Db.HashDeleteAsync(store.Keys.Preferences, accountNo)
            : store.Db.HashSetAsync(store.Keys.Preferences, accountNo, JsonSerializer.Serialize(preferences, AudienceJson.Default.RecipientPreferences));
    }

    private static RecipientPreferences? Parse(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize((string)value!, AudienceJson.Default.RecipientPreferences);
}
