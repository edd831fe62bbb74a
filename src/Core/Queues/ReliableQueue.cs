using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Core.Queues;

/// <summary>
/// A reliable queue on Redis lists: <c>LMOVE</c> from ready to processing with a lease, acknowledge by removal,
/// reclaim of items whose lease ran out (their worker died), delayed and retry items in a sorted set by due time,
/// and a dead-letter list an operator can inspect and re-drive. Every multi-key step is one Lua script over keys
/// that share a hash tag.
/// </summary>
public sealed class ReliableQueue
{
    private const string TakeScript = """
        local item = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
        if item then redis.call('ZADD', KEYS[3], ARGV[1], item) end
        return item
        """;

    private const string AckScript = """
        local n = redis.call('LREM', KEYS[1], 1, ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        return n
        """;

    // Moves a processing item to the delayed set (retry) or the dead list, replacing it with its new form.
    private const string MoveOnScript = """
        local n = redis.call('LREM', KEYS[1], 1, ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        if n > 0 then
          if ARGV[3] == 'dead' then redis.call('RPUSH', KEYS[3], ARGV[2]) else redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2]) end
        end
        return n
        """;

    private const string PromoteScript = """
        local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        for _, item in ipairs(items) do
          redis.call('ZREM', KEYS[1], item)
          redis.call('RPUSH', KEYS[2], item)
        end
        return #items
        """;

    private const string ReclaimScript = """
        local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        local moved = 0
        for _, item in ipairs(items) do
          redis.call('ZREM', KEYS[1], item)
          if redis.call('LREM', KEYS[2], 1, item) > 0 then
            redis.call('LPUSH', KEYS[3], item)
            moved = moved + 1
          end
        end
        return moved
        """;

    // Replaces one dead item by its fresh form in the ready list; a no-op when another operator moved it first.
    private const string RedriveScript = """
        if redis.call('LREM', KEYS[1], 1, ARGV[1]) > 0 then
          redis.call('RPUSH', KEYS[2], ARGV[2])
          return 1
        end
        return 0
        """;

    // Dedupe and enqueue in one step, so a crash can neither lose an accepted item nor let its retry in twice.
    // ARGV[3] > 0 parks the item in the delayed set until that time (Unix ms).
    private const string EnqueueOnceScript = """
        if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) then
          if tonumber(ARGV[3]) > 0 then redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1]) else redis.call('RPUSH', KEYS[2], ARGV[1]) end
          return 1
        end
        return 0
        """;

    // KEYS: ready, delayed, then one seen-marker per item; ARGV: window (ms), then per item its raw form and due time (0: now).
    // New items go to the lists in one RPUSH and one ZADD per call: a command from Lua costs more than its work.
    private const string EnqueueManyScript = """
        local added, ready, delayed = {}, {}, {}
        for i = 3, #KEYS do
          local raw, due = ARGV[2 * (i - 2)], tonumber(ARGV[2 * (i - 2) + 1])
          if redis.call('SET', KEYS[i], '1', 'NX', 'PX', ARGV[1]) then
            if due > 0 then delayed[#delayed + 1] = due; delayed[#delayed + 1] = raw else ready[#ready + 1] = raw end
            added[i - 2] = 1
          else
            added[i - 2] = 0
          end
        end
        if #ready > 0 then redis.call('RPUSH', KEYS[1], unpack(ready)) end
        if #delayed > 0 then redis.call('ZADD', KEYS[2], unpack(delayed)) end
        return added
        """;

    private const int BatchSize = 500;
    private const int ManyChunk = 100;

    private readonly RedisStore _store;
    private readonly TimeProvider _time;
    private readonly QueueKeys _keys;
    private readonly RedisChannel _wake;

    /// <summary>Creates the queue <paramref name="name"/> in <paramref name="store"/>.</summary>
    public ReliableQueue(RedisStore store, string name, TimeProvider time)
    {
        _store = store;
        _time = time;
        Name = name;
        _keys = store.Keys.Queue(name);
        _wake = RedisChannel.Literal(store.Keys.QueueWake(name));
    }

    /// <summary>The queue's name.</summary>
    public string Name { get; }

    /// <summary>Calls <paramref name="onWake"/> whenever new work may be ready, until cancelled.</summary>
    public async Task SubscribeAsync(Action onWake, CancellationToken cancellationToken)
    {
        var subscriber = _store.Connection.GetSubscriber();
        Action<RedisChannel, RedisValue> handler = (_, _) => onWake();
        await subscriber.SubscribeAsync(_wake, handler);

        // Only this handler, and without waiting for the reply: the callback runs on the thread that stops the host,
        // where a synchronous UNSUBSCRIBE waited out the 5 s timeout on a busy machine and failed the stop.
        cancellationToken.Register(() => subscriber.Unsubscribe(_wake, handler, CommandFlags.FireAndForget));
    }

    private IDatabase Db => _store.Db;

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Adds a payload, ready now or after <paramref name="delay"/>. Returns the item id.</summary>
    public async Task<string> EnqueueAsync(string payload, TimeSpan? delay = null, string? id = null)
    {
        var item = new QueueItem(id ?? Guid.NewGuid().ToString("N"), payload, 1, Now, null);
        var raw = item.Serialize();
        if (delay is { } d && d > TimeSpan.Zero)
        {
            await Db.SortedSetAddAsync(_keys.Delayed, raw, Now + (long)d.TotalMilliseconds);
        }
        else
        {
            await Db.ListRightPushAsync(_keys.Ready, raw);
            await Db.PublishAsync(_wake, Name, CommandFlags.FireAndForget);
        }

        await _store.ConfirmReplicatedAsync(_keys.Ready);
        return item.Id;
    }

    /// <summary>
    /// Enqueues <paramref name="payload"/> unless <paramref name="dedupeId"/> was seen within <paramref name="window"/>.
    /// Returns false for a duplicate.
    /// </summary>
    /// <remarks>With <paramref name="notBefore"/> in the future the item waits in the delayed set until then.</remarks>
    public async Task<bool> EnqueueOnceAsync(string dedupeId, string payload, TimeSpan window, DateTimeOffset? notBefore = null)
    {
        var raw = new QueueItem(dedupeId, payload, 1, Now, null).Serialize();
        var due = IsDelayed(notBefore) ? notBefore!.Value.ToUnixTimeMilliseconds() : 0;
        var added = (long)await Db.ScriptEvaluateAsync(
            EnqueueOnceScript, [_keys.Seen(dedupeId), _keys.Ready, _keys.Delayed], [raw, (long)window.TotalMilliseconds, due]) == 1;
        if (added && !IsDelayed(notBefore)) await Db.PublishAsync(_wake, Name, CommandFlags.FireAndForget);
        if (added) await _store.ConfirmReplicatedAsync(_keys.Ready);
        return added;
    }

    /// <summary>
    /// <see cref="EnqueueOnceAsync(string, string, TimeSpan, DateTimeOffset?)"/> for many items: one script call per
    /// chunk of items, chunks pipelined, one wake-up, so a million reminders cost a few thousand round trips and
    /// script calls rather than a million. Each item is still de-duplicated and queued atomically. Returns how many were new.
    /// </summary>
    public async Task<int> EnqueueOnceManyAsync(IReadOnlyList<(string DedupeId, string Payload, DateTimeOffset? NotBefore)> items, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) return 0;
        var calls = new List<Task<RedisResult>>();
        foreach (var chunk in items.Chunk(ManyChunk))
        {
            var keys = new RedisKey[chunk.Length + 2];
            var args = new RedisValue[chunk.Length * 2 + 1];
            (keys[0], keys[1], args[0]) = (_keys.Ready, _keys.Delayed, (long)window.TotalMilliseconds);
            for (var i = 0; i < chunk.Length; i++)
            {
                keys[i + 2] = _keys.Seen(chunk[i].DedupeId);
                args[2 * i + 1] = new QueueItem(chunk[i].DedupeId, chunk[i].Payload, 1, Now, null).Serialize();
                args[2 * i + 2] = IsDelayed(chunk[i].NotBefore) ? chunk[i].NotBefore!.Value.ToUnixTimeMilliseconds() : 0;
            }

            calls.Add(Db.ScriptEvaluateAsync(EnqueueManyScript, keys, args));
        }

        await Task.WhenAll(calls);
        var added = 0;
        var ready = false;
        var index = 0;
        foreach (var call in calls)
        {
            foreach (var flag in (RedisResult[])call.Result!)
            {
                if ((long)flag == 1)
                {
                    added++;
                    ready |= !IsDelayed(items[index].NotBefore);
                }

                index++;
            }
        }

        if (ready) await Db.PublishAsync(_wake, Name, CommandFlags.FireAndForget);
        if (added > 0) await _store.ConfirmReplicatedAsync(_keys.Ready);
        return added;
    }

    private bool IsDelayed(DateTimeOffset? notBefore) => notBefore is { } at && at.ToUnixTimeMilliseconds() > Now;

    /// <summary>Takes the next ready item and leases it for <paramref name="lease"/>; null when none is ready.</summary>
    public async Task<QueueItem?> TryTakeAsync(TimeSpan lease)
    {
        var result = await Db.ScriptEvaluateAsync(
            TakeScript, [_keys.Ready, _keys.Processing, _keys.Leases], [Now + (long)lease.TotalMilliseconds]);
        if (result.IsNull) return null;
        var raw = (string)result!;
        try
        {
            return QueueItem.Parse(raw);
        }
        catch (System.Text.Json.JsonException ex)
        {
            // Never lose even a corrupt item: park it where an operator will see it.
            await MoveOnAsync(raw, raw, "dead");
            throw new InvalidDataException($"Queue {Name}: unreadable item dead-lettered: {ex.Message}", ex);
        }
    }

    /// <summary>Acknowledges a processed item; false when it was no longer held (reclaimed meanwhile).</summary>
    public async Task<bool> AckAsync(QueueItem item) =>
        (long)await Db.ScriptEvaluateAsync(AckScript, [_keys.Processing, _keys.Leases], [item.Raw]) > 0;

    /// <summary>Schedules another attempt after <paramref name="delay"/>, recording why this one failed.</summary>
    public Task<bool> RetryLaterAsync(QueueItem item, TimeSpan delay, string reason)
    {
        var next = item with { Attempt = item.Attempt + 1, LastError = reason };
        return MoveOnAsync(item.Raw, next.Serialize(), (Now + (long)delay.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Moves the item to the dead-letter list with the reason.</summary>
    public Task<bool> DeadLetterAsync(QueueItem item, string reason) =>
        MoveOnAsync(item.Raw, (item with { LastError = reason }).Serialize(), "dead");

    private async Task<bool> MoveOnAsync(string raw, string next, string target)
    {
        var to = target == "dead" ? _keys.Dead : _keys.Delayed;
        return (long)await Db.ScriptEvaluateAsync(MoveOnScript, [_keys.Processing, _keys.Leases, to], [raw, next, target]) > 0;
    }

    /// <summary>Moves delayed items that are due to the ready list. Returns how many moved.</summary>
    public async Task<int> PromoteDueAsync()
    {
        var moved = (int)(long)await Db.ScriptEvaluateAsync(PromoteScript, [_keys.Delayed, _keys.Ready], [Now, BatchSize]);
        if (moved > 0) await Db.PublishAsync(_wake, Name, CommandFlags.FireAndForget);
        return moved;
    }

    /// <summary>Returns items whose lease ran out (their worker died) to the front of the ready list.</summary>
    public async Task<int> ReclaimExpiredAsync()
    {
        var moved = (int)(long)await Db.ScriptEvaluateAsync(ReclaimScript, [_keys.Leases, _keys.Processing, _keys.Ready], [Now, BatchSize]);
        if (moved > 0) await Db.PublishAsync(_wake, Name, CommandFlags.FireAndForget);
        return moved;
    }

    /// <summary>How many items are in each state.</summary>
    public async Task<QueueCounts> CountsAsync()
    {
        var ready = Db.ListLengthAsync(_keys.Ready);
        var processing = Db.ListLengthAsync(_keys.Processing);
        var delayed = Db.SortedSetLengthAsync(_keys.Delayed);
        var dead = Db.ListLengthAsync(_keys.Dead);
        return new QueueCounts(await ready, await processing, await delayed, await dead);
    }

    /// <summary>When the oldest item waiting in the ready list was first enqueued, or null when none waits.</summary>
    public async Task<DateTimeOffset?> OldestReadyAtAsync()
    {
        var raw = await Db.ListGetByIndexAsync(_keys.Ready, 0);
        if (raw.IsNull) return null;
        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(QueueItem.Parse(raw!).EnqueuedAt);
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // a corrupt item is dead-lettered when taken; it has no age to report
        }
    }

    /// <summary>The dead-lettered items, oldest first.</summary>
    public async Task<IReadOnlyList<QueueItem>> DeadLettersAsync(int max = 1000)
    {
        var raws = await Db.ListRangeAsync(_keys.Dead, 0, max - 1);
        return raws.Select(r => QueueItem.Parse(r!)).ToList();
    }

    /// <summary>Moves every dead letter back to the ready list with a fresh set of attempts. Returns how many.</summary>
    public async Task<int> RedriveAsync()
    {
        var moved = 0;
        foreach (var raw in await Db.ListRangeAsync(_keys.Dead))
        {
            var item = QueueItem.Parse(raw!);
            var fresh = (item with { Attempt = 1 }).Serialize();
            moved += (int)(long)await Db.ScriptEvaluateAsync(RedriveScript, [_keys.Dead, _keys.Ready], [raw, fresh]);
        }

        if (moved > 0) await Db.PublishAsync(_wake, Name, CommandFlags.FireAndForget);
        return moved;
    }
}
