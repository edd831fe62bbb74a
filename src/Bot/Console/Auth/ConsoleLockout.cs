using GridService.Core.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Bot.StaffConsole.Auth;

/// <summary>
/// Locks an account after <see cref="ConsoleOptions.MaxFailures"/> wrong passwords within
/// <see cref="ConsoleOptions.FailureWindow"/>, for <see cref="ConsoleOptions.LockoutFor"/>. The counts live in
/// Redis, so guessing against several Bot instances behind a load balancer counts as one.
/// </summary>
public sealed class ConsoleLockout(RedisStore store, IOptions<ConsoleOptions> options)
{
    // Count the failure; at the limit, lock and start counting afresh. Both keys share a hash tag.
    private const string FailScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        if n >= tonumber(ARGV[2]) then
          redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
          redis.call('DEL', KEYS[1])
        end
        return n
        """;

    private IDatabase Db => store.Db;

    // Ids come from a form: only the key's tail, never a key of their own choosing (the prefix is fixed).
    private (string Failures, string Locked) Keys(string staffId) =>
        ($"{store.Keys.Prefix}:{{console-login:{staffId}}}:failures", $"{store.Keys.Prefix}:{{console-login:{staffId}}}:locked");

    /// <summary>How much longer the account stays locked, or null when it is not.</summary>
    public async Task<TimeSpan?> LockedForAsync(string staffId)
    {
        var ttl = await Db.KeyTimeToLiveAsync(Keys(staffId).Locked);
        return ttl is { } left && left > TimeSpan.Zero ? left : null;
    }

    /// <summary>Counts a wrong password; returns how many tries are left before the lock (0: locked now).</summary>
    public async Task<int> FailAsync(string staffId)
    {
        var (failures, locked) = Keys(staffId);
        var o = options.Value;
        var count = (long)await Db.ScriptEvaluateAsync(FailScript, [failures, locked],
            [(long)o.FailureWindow.TotalMilliseconds, o.MaxFailures, (long)o.LockoutFor.TotalMilliseconds]);
        return (int)Math.Max(0, o.MaxFailures - count);
    }

    /// <summary>Forgets the failures after a good password.</summary>
    public Task ResetAsync(string staffId) => Db.KeyDeleteAsync(Keys(staffId).Failures);
}
