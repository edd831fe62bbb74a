using GridService.Core.Storage;

namespace GridService.Notifier.Delivery;

/// <summary>A budget of <paramref name="Limit"/> sends per <paramref name="Window"/>.</summary>
/// <param name="Limit">Sends allowed in any window.</param>
/// <param name="Window">The platform's window (one minute for the WeCom robot).</param>
/// <param name="Margin">
/// Added to the window on our side: a send reaches the platform a little after its slot (promotion delay, network),
/// and a late send must not land in the next window's count. Also absorbs small clock differences between Notifiers.
/// </param>
public sealed record RateLimit(int Limit, TimeSpan Window, TimeSpan Margin)
{
    /// <summary>The window we enforce.</summary>
    public TimeSpan Span => Window + Margin;
}

/// <summary>What <see cref="RedisRateLimiter.AcquireAsync"/> gave: a slot to use now, or how long to wait for one.</summary>
/// <param name="Wait">Zero when the caller may send now; otherwise how long until its reserved slot.</param>
/// <param name="Entry">The send's entry in the log, to move to when the platform answered (empty while waiting).</param>
public readonly record struct RateSlot(TimeSpan Wait, string Entry)
{
    /// <summary>The caller may send now.</summary>
    public bool Granted => Wait == TimeSpan.Zero;
}

/// <summary>
/// A sliding-window log with reservations, shared through Redis by every Notifier (one Lua script, one key per
/// bucket). Each send takes a slot: now if fewer than <see cref="RateLimit.Limit"/> sends fall in the last span,
/// otherwise the earliest time that keeps every span within the limit. A slot in the future is reserved under the
/// caller's slot id, so the message waits in the queue for exactly that time and then finds its slot kept for it:
/// no thundering herd, and messages to one robot leave in the order they first asked. A slot used now is renamed
/// to a unique entry, so the same part's next try (after a failure) needs a slot of its own: every HTTP request
/// the platform sees has one.
/// <para>
/// The platform counts a request when it arrives, which is after its slot and no later than its answer. So when the
/// answer comes, the send's entry moves to that time (<see cref="AnsweredAsync"/>), and a reserved slot that falls
/// due is checked against the log again: sends answered later than their slots can still fill its window, and then
/// it is moved to the earliest time that fits. A slow first request (a cold connection) thus delays the next
/// window instead of overrunning it; only a request slower than a whole span goes uncounted.
/// </para>
/// The clock is the injected <see cref="TimeProvider"/>, so tests run minutes in milliseconds; Notifiers sharing a
/// bucket need synchronised clocks (NTP), the margin covers small skew.
/// </summary>
public sealed class RedisRateLimiter(RedisStore store, TimeProvider time)
{
    // Send log of one rate-limited endpoint (sorted set: slot → Unix ms), touched by one script.
    private string Key(string bucket) => $"{store.Keys.Prefix}:rl:{bucket}";

    // KEYS[1] log; ARGV now, span, limit, slot id, unique entry name. Returns ms to wait (<= 0: send now).
    // A new entry is never before the last, so "the limit-th most recent entry plus the span" is the earliest time
    // a new one fits. A reservation that is due counts the others in the span ending now: past reservations not yet
    // used count too (they may be sending this moment), and entries answered late may have moved into the span.
    private const string AcquireScript = """
        local now = tonumber(ARGV[1])
        local span = tonumber(ARGV[2])
        local limit = tonumber(ARGV[3])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
        local at = redis.call('ZSCORE', KEYS[1], ARGV[4])
        if at then
          at = tonumber(at)
          if at <= now and redis.call('ZCOUNT', KEYS[1], '(' .. (now - span), now) - 1 >= limit then
            redis.call('ZREM', KEYS[1], ARGV[4])
            at = nil
          end
        end
        if not at then
          at = now
          local n = redis.call('ZCARD', KEYS[1])
          if n > 0 then
            local last = redis.call('ZRANGE', KEYS[1], n - 1, n - 1, 'WITHSCORES')
            at = math.max(at, tonumber(last[2]))
          end
          if n >= limit then
            local e = redis.call('ZRANGE', KEYS[1], n - limit, n - limit, 'WITHSCORES')
            at = math.max(at, tonumber(e[2]) + span)
          end
          redis.call('ZADD', KEYS[1], at, ARGV[4])
        end
        if at <= now then
          redis.call('ZREM', KEYS[1], ARGV[4])
          redis.call('ZADD', KEYS[1], at, ARGV[5])
        end
        redis.call('PEXPIRE', KEYS[1], math.max(span * 2, at - now + span))
        return at - now
        """;

    // KEYS[1] log; ARGV now, entry. A send's entry moves to when the platform answered (never earlier).
    private const string AnsweredScript = """
        local at = redis.call('ZSCORE', KEYS[1], ARGV[2])
        if at and tonumber(at) < tonumber(ARGV[1]) then redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2]) end
        return 0
        """;

    // Fills what is left of the current span, after the platform said we are too fast (someone else shares it).
    private const string SaturateScript = """
        local now = tonumber(ARGV[1])
        local span = tonumber(ARGV[2])
        local limit = tonumber(ARGV[3])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
        local n = redis.call('ZCARD', KEYS[1])
        for i = n + 1, limit do redis.call('ZADD', KEYS[1], now, ARGV[4] .. i) end
        redis.call('PEXPIRE', KEYS[1], span * 2)
        return limit - n
        """;

    /// <summary>
    /// Takes or looks up the slot of <paramref name="slotId"/> in <paramref name="bucket"/>: granted when the caller
    /// may send now (the slot is used; tell <see cref="AnsweredAsync"/> when the platform answers), otherwise how long
    /// to wait for the reserved slot.
    /// </summary>
    public async Task<RateSlot> AcquireAsync(string bucket, string slotId, RateLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var entry = slotId + "@" + Guid.NewGuid().ToString("N");
        var waitMs = (long)await store.Db.ScriptEvaluateAsync(AcquireScript, [Key(bucket)],
            [now, (long)limit.Span.TotalMilliseconds, limit.Limit, slotId, entry]);
        return waitMs <= 0 ? new RateSlot(TimeSpan.Zero, entry) : new RateSlot(TimeSpan.FromMilliseconds(waitMs), "");
    }

    /// <summary>
    /// Records that the platform answered the send of <paramref name="slot"/> (or gave up on it) now: the platform
    /// counted it at or before this moment, so the next window is reckoned from here, not from the slot.
    /// </summary>
    public async Task AnsweredAsync(string bucket, RateSlot slot)
    {
        if (!slot.Granted) return;
        await store.Db.ScriptEvaluateAsync(AnsweredScript, [Key(bucket)], [time.GetUtcNow().ToUnixTimeMilliseconds(), slot.Entry]);
    }

    /// <summary>Treats the bucket as full for one span from now; new sends get slots after it.</summary>
    public Task SaturateAsync(string bucket, RateLimit limit) =>
        store.Db.ScriptEvaluateAsync(SaturateScript, [Key(bucket)],
            [time.GetUtcNow().ToUnixTimeMilliseconds(), (long)limit.Span.TotalMilliseconds, limit.Limit, "platform-limit@" + Guid.NewGuid().ToString("N") + "#"]);
}
