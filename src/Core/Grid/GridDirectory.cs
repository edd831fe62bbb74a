using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Core.Grid;

/// <summary>
/// Reference data in Redis: areas, staff, groups, customers, bills and outage notices, each kind an entity hash
/// (id → JSON) with the index sets the bot and the notifier look things up by. Saves are upserts that keep the
/// indexes right when an entity moves (a customer changing group, a notice changing areas).
/// </summary>
public sealed partial class GridDirectory(RedisStore store)
{
    private const int MaxSaveAttempts = 5;

    private IDatabase Db => store.Db;

    private GridKeys Keys { get; } = GridKeys.Of(store);

    /// <summary>True when nothing was seeded or imported: no seeded marker and no areas.</summary>
    public async Task<bool> IsEmptyAsync()
    {
        // Two commands, pipelined: on a cluster the keys live in different slots.
        var marker = Db.KeyExistsAsync(Keys.SeededMarker);
        var areas = Db.KeyExistsAsync(Keys.Areas);
        await Task.WhenAll(marker, areas);
        return !marker.Result && !areas.Result;
    }

    /// <summary>Records that reference data was loaded, and from where (e.g. <c>samples</c>).</summary>
    public Task MarkSeededAsync(string source) => Db.StringSetAsync(Keys.SeededMarker, source);

    /// <summary>Where the data was seeded from, or null when it was not.</summary>
    public async Task<string?> SeededFromAsync() => await Db.StringGetAsync(Keys.SeededMarker);

    private static string Serialize<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.Serialize(value, info);

    private static T Deserialize<T>(RedisValue json, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize((string)json!, info) ?? throw new InvalidDataException($"Stored {typeof(T).Name} is JSON null.");

    private async Task<T?> GetAsync<T>(string key, string id, JsonTypeInfo<T> info) where T : class
    {
        var json = await Db.HashGetAsync(key, id);
        return json.IsNull ? null : Deserialize(json, info);
    }

    private async Task<List<T>> GetManyAsync<T>(string key, RedisValue[] ids, JsonTypeInfo<T> info)
    {
        if (ids.Length == 0) return [];
        var values = await Db.HashGetAsync(key, ids);
        return [.. values.Where(v => !v.IsNull).Select(v => Deserialize(v, info))];
    }

    private async Task<List<T>> ListAsync<T>(string key, JsonTypeInfo<T> info) =>
        [.. (await Db.HashValuesAsync(key)).Select(v => Deserialize(v, info))];

    /// <summary>
    /// Writes an entity and updates its indexes in one transaction guarded by the entity's previous value: when
    /// another writer changed it in between, nothing is written and the save starts again from a fresh read.
    /// </summary>
    /// <param name="stage">Given the previous entity (or null), queues the index updates and any extra conditions;
    /// it may read first and throw when the save must not happen.</param>
    private async Task SaveIndexedAsync<T>(string key, string id, T entity, JsonTypeInfo<T> info, Func<T?, ITransaction, Task> stage)
        where T : class
    {
        var json = Serialize(entity, info);
        for (var attempt = 1; attempt <= MaxSaveAttempts; attempt++)
        {
            var previousJson = await Db.HashGetAsync(key, id);
            var previous = previousJson.IsNull ? null : Deserialize(previousJson, info);
            var transaction = Db.CreateTransaction();
            transaction.AddCondition(previousJson.IsNull ? Condition.HashNotExists(key, id) : Condition.HashEqual(key, id, previousJson));
            await stage(previous, transaction);
            _ = transaction.HashSetAsync(key, id, json);
            if (await transaction.ExecuteAsync()) return;
        }

        // No id in the message: for customers it is an account number, which logs must not show whole.
        throw new InvalidOperationException($"The {typeof(T).Name} kept changing while it was being saved; try again.");
    }
}
