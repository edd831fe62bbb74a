using System.Text.Json;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Notifier.Audiences;

/// <summary>Customers' delivery preferences in Redis, one hash field per account.</summary>
public sealed class PreferenceStore(RedisStore store)
{
    /// <summary>Hash: account number → the customer's delivery preferences (opt-out, quiet hours, channel).</summary>
    public static string KeyOf(RedisStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return $"{store.Keys.Prefix}:preferences";
    }

    private string Key => KeyOf(store);

    /// <summary>The account's preferences, or null when it has none.</summary>
    public async Task<RecipientPreferences?> GetAsync(string accountNo) =>
        Parse(await store.Db.HashGetAsync(Key, accountNo));

    /// <summary>Preferences of many accounts in one round trip, in the same order (null where none).</summary>
    public async Task<RecipientPreferences?[]> GetManyAsync(IReadOnlyList<string> accountNos)
    {
        ArgumentNullException.ThrowIfNull(accountNos);
        if (accountNos.Count == 0) return [];
        var values = await store.Db.HashGetAsync(Key, [.. accountNos.Select(a => (RedisValue)a)]);
        return [.. values.Select(Parse)];
    }

    /// <summary>Stores the account's preferences; all defaults remove the entry.</summary>
    public Task SetAsync(string accountNo, RecipientPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return preferences == new RecipientPreferences()
            ? store.Db.HashDeleteAsync(Key, accountNo)
            : store.Db.HashSetAsync(Key, accountNo, JsonSerializer.Serialize(preferences, AudienceJson.Default.RecipientPreferences));
    }

    private static RecipientPreferences? Parse(RedisValue value) =>
        value.IsNull ? null : JsonSerializer.Deserialize((string)value!, AudienceJson.Default.RecipientPreferences);
}
