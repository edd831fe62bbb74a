using GridService.Bot.Pipeline;
using GridService.Bot.StaffConsole.Data;
using GridService.Bot.WorkOrders;
using GridService.Core.Grid;
using GridService.Core.Queues;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>
/// Today at a glance: open and overdue orders by area, hazards in the last 24 hours, today's and upcoming notices,
/// deliveries that failed or still wait, and the bot's answer rate and misses over the week.
/// </summary>
public sealed class IndexModel(OrderQueries orders, DeliveryQueries deliveries, DecisionLog decisions, GridDirectory directory) : ConsolePage
{
    /// <summary>One area's row.</summary>
    public sealed record AreaRow(Area Area, int Open, int Overdue, int Unaccepted, int AwaitingRating);

    /// <summary>Rows per area in scope.</summary>
    public IReadOnlyList<AreaRow> Areas { get; private set; } = [];

    /// <summary>Urgent orders opened in the last 24 hours.</summary>
    public IReadOnlyList<WorkOrder> Hazards { get; private set; } = [];

    /// <summary>Open orders that missed a deadline, most urgent first.</summary>
    public IReadOnlyList<WorkOrder> Overdue { get; private set; } = [];

    /// <summary>Notices under way or to come.</summary>
    public IReadOnlyList<OutageNotice> Notices { get; private set; } = [];

    /// <summary>Deliveries that failed or wait.</summary>
    public IReadOnlyList<DeliveryRecord> Deliveries { get; private set; } = [];

    /// <summary>The outbound queue.</summary>
    public QueueCounts Queue { get; private set; } = new(0, 0, 0, 0);

    /// <summary>The bot's last seven days.</summary>
    public IReadOnlyList<DecisionDay> Days { get; private set; } = [];

    /// <summary>Now, for the view.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Loads it all (in parallel: each is one or two store round trips).</summary>
    public async Task OnGetAsync()
    {
        At = Now;
        var today = Zones.LocalDate(At, Zones.Find(Zones.Default));
        var activeTask = orders.ActiveAsync(Scope);
        var recentTask = orders.CreatedSinceAsync(Scope, At.AddHours(-24));
        var noticesTask = Task.WhenAll(Scope.Areas.Select(a => directory.NoticesOfAreaAsync(a.Id, At)));
        var deliveriesTask = deliveries.PendingOrFailedAsync(Scope, 10, scan: 200);
        var queueTask = deliveries.QueueAsync();
        var daysTask = decisions.DaysAsync(today, 7, Scope.AreaIds);
        var active = await activeTask;
        Areas = [.. Scope.Areas.Select(a =>
        {
            var mine = active.Where(o => o.AreaId == a.Id).ToList();
            return new AreaRow(a, mine.Count(o => o.IsOpenWork), mine.Count(o => o.IsOpenWork && o.Overdue),
                mine.Count(o => o.Status is WorkOrderStatus.Open or WorkOrderStatus.Transferred), mine.Count(o => o.Status == WorkOrderStatus.Resolved));
        })];
        Overdue = [.. active.Where(o => o.IsOpenWork && o.Overdue).OrderByDescending(o => o.Priority).ThenBy(o => o.Deadline).Take(10)];
        Hazards = [.. (await recentTask).Where(o => o.Priority == WorkOrderPriority.Urgent)];
        Notices = [.. (await noticesTask).SelectMany(n => n).DistinctBy(n => n.Id).OrderBy(n => n.Start).Take(20)];
        Deliveries = await deliveriesTask;
        Queue = await queueTask;
        Days = await daysTask;
    }
}
