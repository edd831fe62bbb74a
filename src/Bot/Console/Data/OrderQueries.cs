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

    private WorkOrderKeys Keys { get; } = WorkOrderKeys.Under(store.Keys.Prefix);

    /// <summary>Active orders the user may see, oldest first.</summary>
    public async Task<IReadOnlyList<WorkOrder>> ActiveAsync(ConsoleScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return [.. (await orders.ActiveAsync()).Where(o => Sees(scope, o))];
    }

    /// <summary>Orders the user may see created since <paramref name="since"/>, newest first.</summary>
    public async Task<IReadOnlyList<WorkOrder>> CreatedSinceAsync(ConsoleScope scope, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var ids = await store.Db.SortedSetRangeByScoreAsync(Keys.All, since.ToUnixTimeMilliseconds(), double.PositiveInfinity, order: Order.Descending);
        return ids.Length == 0 ? [] : [.. (await GetManyAsync(ids)).Where(o => Sees(scope, o))];
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

        var page = new List<WorkOrder>(PageSize);
        var matched = 0;
        for (var offset = 0; offset < MaxScan; offset += ScanChunk)
        {
            var ids = await store.Db.SortedSetRangeByRankAsync(Keys.All, offset, offset + ScanChunk - 1, Order.Descending);
            if (ids.Length == 0) break;
            foreach (var order in await GetManyAsync(ids))
            {
                if (!Sees(scope, order) || !Matches(order, filter)) continue;
                if (matched++ < skip) continue;
                if (page.Count == PageSize) return (page, true);
                page.Add(order);
            }
        }

        return (page, false);
    }

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

    private async Task<List<WorkOrder>> GetManyAsync(RedisValue[] ids)
    {
        var values = await store.Db.HashGetAsync(Keys.Orders, ids);
        var list = new List<WorkOrder>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (values[i].IsNull) continue;
            var order = JsonSerializer.Deserialize((string)values[i]!, WorkOrderJson.Default.WorkOrder);
            if (order is not null) list.Add(order with { Id = ids[i]! });
        }

        return list;
    }
}
