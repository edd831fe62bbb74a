using GridService.Core.Storage;

namespace GridService.Notifier.Scheduling;

/// <summary>Per job, the time up to which it has decided what is due (Unix ms in Redis); it only moves forward.</summary>
public sealed class Watermarks(RedisStore store)
{
    // Up to when a scheduled job has decided what is due (Unix ms).
    private string Key(string job) => $"{store.Keys.Prefix}:schedule:watermark:{job}";

    private const string AdvanceScript = """
        local current = redis.call('GET', KEYS[1])
        if not current or tonumber(current) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) return 1 end
        return 0
        """;

    /// <summary>The job's watermark, or null before its first run.</summary>
    public async Task<DateTimeOffset?> GetAsync(string job)
    {
        var value = await store.Db.StringGetAsync(Key(job));
        return value.IsNull ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)value);
    }

    /// <summary>Moves the watermark to <paramref name="to"/> unless it is already later.</summary>
    public Task AdvanceAsync(string job, DateTimeOffset to) =>
        store.Db.ScriptEvaluateAsync(AdvanceScript, [Key(job)], [to.ToUnixTimeMilliseconds()]);
}
