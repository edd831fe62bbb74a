using System.Collections.Concurrent;
using System.Text.Json;
using GridService.Bot.StaffConsole.Auth;
using GridService.Bot.WorkOrders;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Bot.StaffConsole.Data;

/// <summary>The work-order list's filters, as the query string carries them.</summary>
/// <param name="Status">open (default: still being worked on), resolved, closed, cancelled, or all.</param>
/// <param name="Area">An area id, or null for every area in scope.</param>
/// <param name="Type">repair, complaint, consult, or null.</param>
/// <param name="Overdue">Only orders that missed a deadline.</param>
/// <param name="Urgent">Only urgent (hazard) orders.</param>
/// <param name="Query">Text in the number, the owner or the question.</param>
/// <param name="Page">0-based page.</param>
public sealed record OrderFilter(string? Status, string? Area, string? Type, bool Overdue, bool Urgent, string? Query, int Page)
{
    /// <summary>True when only active orders can match (they are read from the active set, not by scanning history).</summary>
    public bool ActiveOnly => Status is null or "" or "open" or "resolved";
}

/// <summary>
/// Reads work orders for the console: active ones from the store's active set, history by walking the creation
/// index newest first in pages, so a list costs what it shows (plus what it skips), not the whole store.
/// </summary>
public sealed class OrderQueries(WorkOrderStore orders, RedisStore store)
{
    /// <summary>Orders shown on one page.</summary>
    public const int PageSize = 50;

    // History is scanned at most this far back for one page (older orders: narrow the filter or search by number).
    private const int MaxScan = 5_000;
    private const int ScanChunk = 250;
    private const int IndexBatch = 1_000;
    private static readonly TimeSpan IndexMargin = TimeSpan.FromMinutes(5);

    // Parsed orders by id with the JSON they were parsed from (bounded: cleared when it grows past the limit).
    private const int MaxParsed = 50_000;
    private readonly ConcurrentDictionary<string, (string Json, WorkOrder Order)> _parsed = new(StringComparer.Ordinal);

    private WorkOrderKeys Keys { get; } = WorkOrderKeys.Under(store.Keys.Prefix);

    /// <summary>Active orders the user may see, oldest first.</summary>
    public async Task<IReadOnlyList<WorkOrder>> ActiveAsync(ConsoleScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var ids = await store.Db.SetMembersAsync(Keys.Active);
        return [.. (await GetManyAsync(ids, Prefilter(scope, null))).Where(o => Sees(scope, o)).OrderBy(o => o.CreatedAt)];
    }

    /// <summary>Orders the user may see created since <paramref name="since"/>, newest first.</summary>
    public async Task<IReadOnlyList<WorkOrder>> CreatedSinceAsync(ConsoleScope scope, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var ids = await store.Db.SortedSetRangeByScoreAsync(Keys.All, since.ToUnixTimeMilliseconds(), double.PositiveInfinity, order: Order.Descending);
        return ids.Length == 0 ? [] : [.. (await GetManyAsync(ids, Prefilter(scope, null))).Where(o => Sees(scope, o))];
    }

    /// <summary>One page of orders matching <paramref name="filter"/>, newest first, and whether more follow.</summary>
    public async Task<(IReadOnlyList<WorkOrder> Orders, bool More)> ListAsync(ConsoleScope scope, OrderFilter filter)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filter);
        var skip = filter.Page * PageSize;
        if (filter.ActiveOnly)
        {
            var matching = (await ActiveAsync(scope)).Where(o => Matches(o, filter)).OrderByDescending(o => o.CreatedAt).ToList();
            return (matching.Skip(skip).Take(PageSize).ToList(), matching.Count > skip + PageSize);
        }

        // History: newest first, from the creation index, or from the user's areas' own indexes when they see only some.
        var history = scope.IsCentre
            ? await store.Db.SortedSetRangeByRankAsync(Keys.All, 0, MaxScan - 1, Order.Descending)
            : await AreaHistoryAsync(string.IsNullOrEmpty(filter.Area) ? scope.AreaIds : [filter.Area]);
        var page = new List<WorkOrder>(PageSize);
        var matched = 0;
        foreach (var ids in history.Chunk(ScanChunk))
        {
            foreach (var order in await GetManyAsync(ids, Prefilter(scope, filter)))
            {
                if (!Sees(scope, order) || !Matches(order, filter)) continue;
                if (matched++ < skip) continue;
                if (page.Count == PageSize) return (page, true);
                page.Add(order);
            }
        }

        return (page, false);
    }

    // The newest order ids of some areas, newest first, up to the scan limit. The per-area indexes are the console's
    // own: kept up to date from the store's creation index here (an order's area never changes), so the work-order
    // store needs no change and a manager's history does not cost a walk through the whole county's.
    private async Task<RedisValue[]> AreaHistoryAsync(IReadOnlyCollection<string> areaIds)
    {
        await IndexNewOrdersAsync();
        var perArea = await Task.WhenAll(areaIds.Select(a => store.Db.SortedSetRangeByRankWithScoresAsync(AreaIndex(a), 0, MaxScan - 1, Order.Descending)));
        return [.. perArea.SelectMany(e => e).OrderByDescending(e => e.Score).Take(MaxScan).Select(e => e.Element)];
    }

    private async Task IndexNewOrdersAsync()
    {
        var watermark = (double?)await store.Db.StringGetAsync(IndexedUpTo);
        // A margin behind the watermark: an order stamped a moment before another may be written a moment after it.
        var from = watermark is { } w ? w - IndexMargin.TotalMilliseconds : double.NegativeInfinity;
        var entries = await store.Db.SortedSetRangeByScoreWithScoresAsync(Keys.All, from, double.PositiveInfinity);
        if (entries.Length == 0) return;
        foreach (var chunk in entries.Chunk(IndexBatch))
        {
            var values = await store.Db.HashGetAsync(Keys.Orders, [.. chunk.Select(e => e.Element)]);
            var writes = new List<Task>();
            for (var i = 0; i < chunk.Length; i++)
            {
                if (values[i].IsNull || AreaOf((string)values[i]!) is not { } area) continue;
                writes.Add(store.Db.SortedSetAddAsync(AreaIndex(area), chunk[i].Element, chunk[i].Score));
            }

            await Task.WhenAll(writes);
        }

        await store.Db.StringSetAsync(IndexedUpTo, entries.Max(e => e.Score));
    }

    private static string? AreaOf(string json)
    {
        const string Field = "\"areaId\":\"";
        var at = json.IndexOf(Field, StringComparison.Ordinal);
        if (at < 0) return null;
        var start = at + Field.Length;
        var end = json.IndexOf('"', start);
        return end > start ? json[start..end] : null;
    }

    private string AreaIndex(string areaId) => $"{store.Keys.Prefix}:console:area-orders:{areaId}";

    private string IndexedUpTo => $"{store.Keys.Prefix}:console:area-orders-indexed";

    /// <summary>The order if the user may see it, else null.</summary>
    public async Task<WorkOrder?> GetAsync(ConsoleScope scope, string id)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return await orders.GetAsync(id) is { } order && Sees(scope, order) ? order : null;
    }

    /// <summary>True when the order is in one of the user's areas or is theirs (transferred to them).</summary>
    public static bool Sees(ConsoleScope scope, WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(order);
        return scope.SeesArea(order.AreaId) || order.OwnerId == scope.User.Id;
    }

    private static bool Matches(WorkOrder o, OrderFilter f)
    {
        var status = f.Status switch
        {
            null or "" or "open" => o.IsOpenWork,
            "resolved" => o.Status == WorkOrderStatus.Resolved,
            "closed" => o.Status == WorkOrderStatus.Closed,
            "cancelled" => o.Status == WorkOrderStatus.Cancelled,
            _ => true,
        };
        return status
            && (string.IsNullOrEmpty(f.Area) || o.AreaId == f.Area)
            && (string.IsNullOrEmpty(f.Type) || o.Type.ToString().Equals(f.Type, StringComparison.OrdinalIgnoreCase))
            && (!f.Overdue || o.Overdue)
            && (!f.Urgent || o.Priority == WorkOrderPriority.Urgent)
            && (string.IsNullOrWhiteSpace(f.Query) || o.Id.Contains(f.Query.Trim(), StringComparison.OrdinalIgnoreCase)
                || o.OwnerName.Contains(f.Query.Trim(), StringComparison.Ordinal)
                || o.Askers.Any(a => a.Text.Contains(f.Query.Trim(), StringComparison.Ordinal)));
    }

    // Orders are read as stored JSON; one that has not changed since it was last read is not parsed again, and one
    // that cannot match (another area, another status) is not parsed at all: a page reads hundreds of orders.
    private async Task<List<WorkOrder>> GetManyAsync(RedisValue[] ids, Func<string, bool>? mayMatch = null)
    {
        if (ids.Length == 0) return [];
        var values = await store.Db.HashGetAsync(Keys.Orders, ids);
        var list = new List<WorkOrder>(ids.Length);
        if (_parsed.Count > MaxParsed) _parsed.Clear();
        for (var i = 0; i < ids.Length; i++)
        {
            if (values[i].IsNull) continue;
            var id = (string)ids[i]!;
            var json = (string)values[i]!;
            if (_parsed.TryGetValue(id, out var known) && known.Json == json)
            {
                list.Add(known.Order);
                continue;
            }

            if (mayMatch is not null && !mayMatch(json)) continue;
            var order = JsonSerializer.Deserialize(json, WorkOrderJson.Default.WorkOrder);
            if (order is null) continue;
            order = order with { Id = id };
            _parsed[id] = (json, order);
            list.Add(order);
        }

        return list;
    }

    // A cheap test on the stored JSON before parsing it: the user's areas (unless they see every area), and the status.
    private static Func<string, bool>? Prefilter(ConsoleScope scope, OrderFilter? filter)
    {
        var areas = scope.IsCentre ? null : scope.AreaIds.Select(a => $"\"areaId\":\"{a}\"").ToArray();
        var status = filter?.Status switch
        {
            "closed" => "\"status\":\"Closed\"",
            "cancelled" => "\"status\":\"Cancelled\"",
            _ => null,
        };
        if (areas is null && status is null) return null;
        var user = $"\"ownerId\":\"{scope.User.Id}\"";
        return json => (status is null || json.Contains(status, StringComparison.Ordinal))
            && (areas is null || json.Contains(user, StringComparison.Ordinal) || areas.Any(a => json.Contains(a, StringComparison.Ordinal)));
    }
}
