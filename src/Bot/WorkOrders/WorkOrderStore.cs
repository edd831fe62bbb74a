using System.Text.Json;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Bot.WorkOrders;

/// <summary>How a report landed: a new order, another report of an open incident, or refused by the escalation limits.</summary>
public enum IntakeOutcome { Opened, Joined, Limited }

/// <summary>
/// Work orders in Redis: a hash of order JSON by id, the active set, a creation index, per-day counters, and the
/// inbound-message claim that makes opening an order idempotent.
/// </summary>
public sealed class WorkOrderStore(RedisStore store)
{
    // Claim the message, then join the group's open incident or open a numbered order, in one step: a crash
    // before it leaves nothing; after it, the redelivered message finds its claim and the same order.
    private const string OpenOrJoinScript = """
        local seen = redis.call('GET', KEYS[1])
        if seen then return seen end
        if ARGV[6] == '1' then
          local current = redis.call('GET', KEYS[2])
          if current and redis.call('SISMEMBER', KEYS[5], current) == 1 then
            redis.call('SET', KEYS[1], current .. '|joined', 'PX', ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            return current .. '|joined'
          end
        end
        local n = redis.call('INCR', KEYS[3])
        redis.call('PEXPIRE', KEYS[3], 172800000)
        local id = ARGV[1] .. string.format('%04d', n)
        redis.call('HSET', KEYS[4], id, ARGV[2])
        redis.call('SADD', KEYS[5], id)
        redis.call('ZADD', KEYS[6], ARGV[5], id)
        if ARGV[6] == '1' then redis.call('SET', KEYS[2], id, 'PX', ARGV[4]) end
        redis.call('SET', KEYS[1], id .. '|opened', 'PX', ARGV[3])
        return id .. '|opened'
        """;

    private const int MaxUpdateAttempts = 10;

    /// <summary>How long a message's claim is kept: longer than any redelivery of it.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(7);

    private IDatabase Db => store.Db;

    private WorkOrderKeys Keys { get; } = WorkOrderKeys.Under(store.Keys.Prefix);

    /// <summary>
    /// Opens <paramref name="draft"/> as a new order numbered <paramref name="idPrefix"/> + the day's next number, or
    /// joins the group's open order of the same incident. A message seen before returns what it did then.
    /// </summary>
    public async Task<(string Id, IntakeOutcome Outcome)> OpenOrJoinAsync(
        string channel, string messageId, string idPrefix, string day, WorkOrder draft, TimeSpan clusterWindow)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var incident = draft.Incident is { } i ? Keys.Incident(draft.GroupId, i) : Keys.Incident(draft.GroupId, "-");
        var result = (string)(await Db.ScriptEvaluateAsync(OpenOrJoinScript,
            [Keys.Source(channel, messageId), incident, Keys.Sequence(day), Keys.Orders, Keys.Active, Keys.All],
            [idPrefix, Serialize(draft), (long)ClaimLifetime.TotalMilliseconds, (long)clusterWindow.TotalMilliseconds,
             draft.CreatedAt.ToUnixTimeMilliseconds(), draft.Incident is null ? "0" : "1"]))!;
        var bar = result.LastIndexOf('|');
        return (result[..bar], result[(bar + 1)..] == "joined" ? IntakeOutcome.Joined : IntakeOutcome.Opened);
    }

    /// <summary>The order an inbound message already opened or joined, or null when it was not seen.</summary>
    public async Task<string?> ClaimOfAsync(string channel, string messageId) => await Db.StringGetAsync(Keys.Source(channel, messageId));

    /// <summary>The open order of an incident in a group that a report would join now, or null.</summary>
    public async Task<string?> IncidentOrderAsync(string groupId, string incident)
    {
        var id = (string?)await Db.StringGetAsync(Keys.Incident(groupId, incident));
        return id is not null && await Db.SetContainsAsync(Keys.Active, id) ? id : null;
    }

    /// <summary>The order, or null.</summary>
    public async Task<WorkOrder?> GetAsync(string id)
    {
        var json = await Db.HashGetAsync(Keys.Orders, id);
        return json.IsNull ? null : Deserialize(id, json);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored order, retrying from a fresh read when another writer got in
    /// between. When the order already carries an event from <paramref name="sourceId"/> nothing changes and
    /// <c>Applied</c> is false: a redelivered command or watchdog event is not applied twice.
    /// </summary>
    /// <exception cref="WorkOrderException">Not found, or thrown by <paramref name="change"/>.</exception>
    public async Task<(WorkOrder Order, bool Applied)> UpdateAsync(string id, string sourceId, Func<WorkOrder, WorkOrder> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            var json = await Db.HashGetAsync(Keys.Orders, id);
            if (json.IsNull) throw WorkOrderException.NotFound(id);
            var order = Deserialize(id, json);
            if (order.HasApplied(sourceId)) return (order, false);
            var changed = change(order);
            var tx = Db.CreateTransaction();
            tx.AddCondition(Condition.HashEqual(Keys.Orders, id, json));
            _ = tx.HashSetAsync(Keys.Orders, id, Serialize(changed));
            _ = changed.IsActive ? tx.SetAddAsync(Keys.Active, id) : tx.SetRemoveAsync(Keys.Active, id);
            if (await tx.ExecuteAsync())
            {
                // A resolved, closed or cancelled order takes no more reports: the next one opens a new order.
                if (!changed.IsOpenWork && changed.Incident is { } incident)
                {
                    await RedisLock.DeleteIfEqualsAsync(Db, Keys.Incident(changed.GroupId, incident), id);
                }

                return (changed, true);
            }
        }

        throw new InvalidOperationException($"Work order {id} kept changing while it was being updated; try again.");
    }

    /// <summary>Orders not closed or cancelled, oldest first.</summary>
    public async Task<IReadOnlyList<WorkOrder>> ActiveAsync()
    {
        var ids = await Db.SetMembersAsync(Keys.Active);
        return [.. (await GetManyAsync(ids)).OrderBy(o => o.CreatedAt)];
    }

    /// <summary>The newest orders (up to <paramref name="scan"/>), newest first.</summary>
    public async Task<IReadOnlyList<WorkOrder>> RecentAsync(int scan)
    {
        var ids = await Db.SortedSetRangeByRankAsync(Keys.All, 0, scan - 1, Order.Descending);
        return [.. (await GetManyAsync(ids)).OrderByDescending(o => o.CreatedAt)];
    }

    /// <summary>Remembers that <paramref name="userId"/> was asked to rate <paramref name="orderId"/> in a group.</summary>
    public Task AwaitFeedbackAsync(string groupId, string userId, string orderId, TimeSpan window) =>
        Db.StringSetAsync(Keys.Feedback(groupId, userId), orderId, window);

    /// <summary>The order a group member was asked to rate, if any.</summary>
    public async Task<string?> PendingFeedbackAsync(string groupId, string userId) =>
        await Db.StringGetAsync(Keys.Feedback(groupId, userId));

    /// <summary>Forgets a rating request once answered.</summary>
    public Task ForgetFeedbackAsync(string groupId, string userId) => Db.KeyDeleteAsync(Keys.Feedback(groupId, userId));

    private async Task<List<WorkOrder>> GetManyAsync(RedisValue[] ids)
    {
        if (ids.Length == 0) return [];
        var values = await Db.HashGetAsync(Keys.Orders, ids);
        var orders = new List<WorkOrder>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (!values[i].IsNull) orders.Add(Deserialize(ids[i]!, values[i]));
        }

        return orders;
    }

    private static string Serialize(WorkOrder order) => JsonSerializer.Serialize(order, WorkOrderJson.Default.WorkOrder);

    private static WorkOrder Deserialize(string id, RedisValue json) =>
        (JsonSerializer.Deserialize((string)json!, WorkOrderJson.Default.WorkOrder)
            ?? throw new InvalidDataException($"Work order {id} is stored as JSON null.")) with { Id = id };
}
