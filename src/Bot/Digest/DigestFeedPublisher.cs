using GridService.Bot.Misses;
using GridService.Bot.WorkOrders;
using GridService.Core.Digest;
using GridService.Core.Grid;
using GridService.Core.Templates;
using StackExchange.Redis;

namespace GridService.Bot.Digest;

/// <summary>
/// Keeps the Bot's half of each manager's daily digest fresh in the <see cref="DigestFeed"/>: per area, today's new
/// work orders, the open ones, those past their deadline and the questions of the last day the bot missed. The
/// Notifier, which sends the digest, cannot read work orders itself (the hosts share only Redis and Core), so the Bot
/// republishes every <see cref="Interval"/>; the digest shows when the figures were taken.
/// </summary>
public sealed partial class DigestFeedPublisher(
    GridDirectory directory, WorkOrderStore orders, MissLog misses, DigestFeed feed, TimeProvider time, ILogger<DigestFeedPublisher> logger)
    : BackgroundService
{
    /// <summary>How often the snapshot is refreshed.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // Orders opened today are found among the newest this many.
    private const int RecentScan = 2_000;

    /// <summary>Publishes every area's snapshot now (tests call this with a fake clock).</summary>
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = await orders.ActiveAsync();
        var recent = await orders.RecentAsync(RecentScan);
        var groups = (await directory.ListGroupsAsync()).ToDictionary(g => g.Id, StringComparer.Ordinal);
        foreach (var area in await directory.ListAreasAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var today = Zones.LocalDate(now, Zones.Find(area.TimeZone));
            var open = active.Where(o => o.AreaId == area.Id && o.IsOpenWork).OrderBy(o => o.Deadline).ToList();
            var missed = (await misses.ListAsync(area.Id)).Where(m => now - m.At < TimeSpan.FromDays(1)).Select(m => new MissedQuestion
            {
                GroupName = groups.TryGetValue(m.GroupId, out var g) ? g.Name : m.GroupId,
                AskedAt = m.At,
                AskerName = "",
                Question = m.Text,
            }).ToList();
            await feed.PublishAsync(new AreaDigestFeed(area.Id, now,
                recent.Count(o => o.AreaId == area.Id && Zones.LocalDate(o.CreatedAt, Zones.Find(o.TimeZone)) == today),
                [.. open.Select(Line)], [.. open.Where(o => o.Overdue || now >= o.Deadline).Select(Line)], missed));
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PublishAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    Log.StoreUnavailable(logger, ex.Message); // the next round tries again; the digest shows how old its figures are
                }

                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static DigestOrder Line(WorkOrder order) => new()
    {
        OrderNo = order.Id,
        TypeName = WorkOrder.TypeName(order.Type),
        Deadline = order.Deadline,
        Status = WorkOrder.StatusName(order.Status),
        Summary = WorkOrderText.Summary(order),
    };

    private static partial class Log
    {
        [LoggerMessage(EventIds.Managers + 20, LogLevel.Warning, "Digest feed not refreshed, the store is unavailable: {Reason}")]
        public static partial void StoreUnavailable(ILogger logger, string reason);
    }
}
