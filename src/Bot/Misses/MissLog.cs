using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Storage;

namespace GridService.Bot.Misses;

/// <summary>A question the bot could not answer confidently; the knowledge base grows from these.</summary>
/// <param name="At">When it was asked.</param>
/// <param name="AreaId">The asker's area.</param>
/// <param name="GroupId">The group it was asked in.</param>
/// <param name="Text">The question (personal numbers masked).</param>
/// <param name="Decision">What the bot decided.</param>
/// <param name="Confidence">The decision's confidence.</param>
public sealed record Miss(DateTimeOffset At, string AreaId, string GroupId, string Text, string Decision, double Confidence);

/// <summary>Keeps misses per area (newest first, bounded) for the manager's digest and <c>kb misses</c>.</summary>
public sealed class MissLog(RedisStore store)
{
    // A list per area, newest first, and the set of areas that have any.
    private string MissesKey(string areaId) => $"{store.Keys.Prefix}:misses:{areaId}";

    private string AreasKey => $"{store.Keys.Prefix}:miss-areas";

    /// <summary>How many misses an area keeps.</summary>
    public const int PerArea = 1000;

    /// <summary>Records a miss.</summary>
    public async Task AddAsync(Miss miss)
    {
        var key = MissesKey(miss.AreaId);
        var json = JsonSerializer.Serialize(miss with { Text = Masking.MaskText(miss.Text) }, MissJson.Default.Miss);
        await store.Db.ListLeftPushAsync(key, json);
        await store.Db.ListTrimAsync(key, 0, PerArea - 1);
        await store.Db.SetAddAsync(AreasKey, miss.AreaId);
    }

    /// <summary>Misses of one area, or of every area, newest first.</summary>
    public async Task<IReadOnlyList<Miss>> ListAsync(string? areaId = null, int max = 200)
    {
        var areas = areaId is null
            ? (await store.Db.SetMembersAsync(AreasKey)).Select(a => (string)a!).ToArray()
            : [areaId];
        var misses = new List<Miss>();
        foreach (var area in areas)
        {
            foreach (var value in await store.Db.ListRangeAsync(MissesKey(area), 0, max - 1))
            {
                misses.Add(JsonSerializer.Deserialize((string)value!, MissJson.Default.Miss)!);
            }
        }

        return misses.OrderByDescending(m => m.At).Take(max).ToList();
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Miss))]
internal sealed partial class MissJson : JsonSerializerContext;
