using System.ComponentModel.DataAnnotations;
using System.Globalization;
using GridService.Core.Storage;
using Microsoft.Extensions.Options;

namespace GridService.Bot.WorkOrders.Limits;

/// <summary>How many new work orders one sender and one group may open in an hour (section <c>EscalationLimits</c>).</summary>
public sealed class EscalationLimitOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "EscalationLimits";

    /// <summary>New orders one sender may open per clock hour (reports that join an open order do not count).</summary>
    [Range(1, 10_000)]
    public int PerSenderPerHour { get; set; } = 3;

    /// <summary>New orders one group may open per clock hour.</summary>
    [Range(1, 100_000)]
    public int PerGroupPerHour { get; set; } = 30;
}

/// <summary>Which limit a report ran into; <see cref="First"/> is true for the first refusal of the window.</summary>
/// <param name="Scope"><c>sender</c> or <c>group</c>.</param>
/// <param name="Limit">The limit that applies.</param>
/// <param name="First">True once per window and scope: the sender gets one polite line and the manager one digest line.</param>
public sealed record LimitRefusal(string Scope, int Limit, bool First);

/// <summary>
/// Bounds the work orders one sender and one group can open: each report takes the next place in the hour's sorted
/// set of its sender and its group, keyed by its message id (so a redelivered message keeps its place and gets the same
/// answer), and is refused when its place is past the limit. A report that joins an open order gives its place back.
/// </summary>
public sealed class EscalationLimits(RedisStore store, IOptions<EscalationLimitOptions> options, TimeProvider time)
{
    // Adds the member once, scored by how many were there before it (0 for the first in the window), and returns
    // that score: a redelivered member keeps its place whatever came after it.
    private const string RankScript = """
        local seen = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if seen then return tonumber(seen) end
        local n = redis.call('ZCARD', KEYS[1])
        redis.call('ZADD', KEYS[1], n, ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return n
        """;

    // The first refused message of a window and scope is remembered; it (and its redelivery) is the one told.
    private const string FirstScript = """
        local told = redis.call('GET', KEYS[1])
        if not told then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        if told == ARGV[1] then return 1 end
        return 0
        """;

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Takes a place for the report; null when it may open an order, else the refusal.</summary>
    public async Task<LimitRefusal?> ReserveAsync(string groupId, string senderId, string messageId)
    {
        var o = options.Value;
        var (senderKey, groupKey) = Keys(groupId, senderId);
        var senderRank = await RankAsync(senderKey, messageId);
        if (senderRank >= o.PerSenderPerHour) return new LimitRefusal("sender", o.PerSenderPerHour, First: false);
        var groupRank = await RankAsync(groupKey, messageId);
        if (groupRank >= o.PerGroupPerHour) return new LimitRefusal("group", o.PerGroupPerHour, First: false);
        return null;
    }

    /// <summary>
    /// Records that a report was refused; <see cref="LimitRefusal.First"/> is true for the first refused report of the
    /// window in its scope (and for that report again when redelivered), so the sender and the manager are told once.
    /// </summary>
    public async Task<LimitRefusal> RefuseAsync(LimitRefusal refusal, string groupId, string senderId, string messageId)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var (senderKey, groupKey) = Keys(groupId, senderId);
        var key = (refusal.Scope == "sender" ? senderKey : groupKey) + ":told";
        var first = (long)await store.Db.ScriptEvaluateAsync(FirstScript, [key], [messageId, (long)(Window * 2).TotalMilliseconds]) == 1;
        return refusal with { First = first };
    }

    /// <summary>Gives the place back (the report joined an open order, which opens nothing new).</summary>
    public async Task ReleaseAsync(string groupId, string senderId, string messageId)
    {
        var (senderKey, groupKey) = Keys(groupId, senderId);
        await Task.WhenAll(store.Db.SortedSetRemoveAsync(senderKey, messageId), store.Db.SortedSetRemoveAsync(groupKey, messageId));
    }

    private async Task<long> RankAsync(string key, string member)
    {
        return (long)await store.Db.ScriptEvaluateAsync(RankScript, [key], [member, (long)(Window * 2).TotalMilliseconds]);
    }

    private (string Sender, string Group) Keys(string groupId, string senderId)
    {
        var hour = (time.GetUtcNow().ToUnixTimeSeconds() / 3600).ToString(CultureInfo.InvariantCulture);
        var root = $"{store.Keys.Prefix}:limits:{hour}";
        return ($"{root}:sender:{senderId}", $"{root}:group:{groupId}");
    }
}
