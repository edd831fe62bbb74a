using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Storage;

namespace GridService.Bot.Misses;

/// <summary>A question the bot could not answer confidently, or answered and was told it was wrong; the knowledge base grows from these.</summary>
/// <param name="At">When it was asked (for a rated answer: when it was rated).</param>
/// <param name="AreaId">The asker's area.</param>
/// <param name="GroupId">The group it was asked in.</param>
/// <param name="Text">The question (personal numbers masked).</param>
/// <param name="Decision">What the bot decided.</param>
/// <param name="Confidence">The decision's confidence.</param>
/// <param name="Rating"><see cref="Inaccurate"/> when the asker rated the bot's answer 👎; null for a miss the bot noticed itself.</param>
public sealed record Miss(DateTimeOffset At, string AreaId, string GroupId, string Text, string Decision, double Confidence, string? Rating = null)
{
    /// <summary>The rating of an answer the asker marked 👎 (WeCom's "inaccurate").</summary>
    public const string Inaccurate = "inaccurate";
}

/// <summary>
/// Keeps misses per area (newest first, bounded) for the manager's digest, the console's knowledge review and
/// <c>kb misses</c>. An answer whose channel lets the asker rate it (the AI bot's 👍/👎) is remembered for a week
/// under its reply's id; a 👎 on it turns it into a miss, once.
/// </summary>
public sealed class MissLog(RedisStore store)
{
    // A list per area, newest first, and the set of areas that have any.
    private string MissesKey(string areaId) => $"{store.Keys.Prefix}:misses:{areaId}";

    private string AreasKey => $"{store.Keys.Prefix}:miss-areas";

    private string AnswerKey(string replyId) => $"{store.Keys.Prefix}:rateable:{replyId}";

    /// <summary>How many misses an area keeps.</summary>
    public const int PerArea = 1000;

    /// <summary>How long an answer can be rated into a miss (as long as WeCom's feedback id is remembered).</summary>
    public static readonly TimeSpan RateableFor = TimeSpan.FromDays(7);

    /// <summary>Remembers the question and decision behind the reply <paramref name="replyId"/>, which its asker may rate.</summary>
    public Task RememberAnswerAsync(string replyId, Miss answered)
    {
        ArgumentNullException.ThrowIfNull(answered);
        return store.Db.StringSetAsync(AnswerKey(replyId), Serialize(answered), RateableFor);
    }

    /// <summary>
    /// Records the remembered answer <paramref name="replyId"/> as a miss rated <see cref="Miss.Inaccurate"/> at
    /// <paramref name="at"/>; returns it, or null when no answer is remembered under that id (not an answer, older
    /// than <see cref="RateableFor"/>, or already rated).
    /// </summary>
    public async Task<Miss?> AddRatedInaccurateAsync(string replyId, DateTimeOffset at)
    {
        // Taken, not read: a second 👎 on the same answer (after a withdrawal) adds nothing.
        var value = await store.Db.StringGetDeleteAsync(AnswerKey(replyId));
        if (value.IsNull) return null;
        var miss = JsonSerializer.Deserialize((string)value!, MissJson.Default.Miss)! with { At = at, Rating = Miss.Inaccurate };
        await AddAsync(miss);
        return miss;
    }

    /// <summary>Records a miss.</summary>
    public async Task AddAsync(Miss miss)
    {
        var key = MissesKey(miss.AreaId);
        await store.Db.ListLeftPushAsync(key, Serialize(miss));
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

    private static string Serialize(Miss miss) => JsonSerializer.Serialize(miss with { Text = Masking.MaskText(miss.Text) }, MissJson.Default.Miss);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Miss))]
internal sealed partial class MissJson : JsonSerializerContext;
