using GridService.Core.Grid;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;

namespace GridService.Bot.WorkOrders.Sla;

/// <summary>
/// Acts on the watchdog's events: warns the owner before a deadline; on a missed deadline marks the breach, sets a
/// new deadline, escalates to the area's supervisor and tells the askers it will be late and why; closes resolved
/// orders nobody rated. The order change carries the event id, so a redelivered event posts the same messages
/// (deduped by id) and changes nothing twice.
/// </summary>
public sealed partial class SlaWorker(
    SlaQueue queue,
    WorkOrderStore store,
    SlaPolicy policy,
    WorkOrderService service,
    WorkOrderMessages messages,
    GridDirectory directory,
    IOptionsMonitor<QueueWorkerOptions> options,
    TimeProvider time,
    ILogger<SlaWorker> logger,
    IHostApplicationLifetime lifetime)
    : QueueWorker(queue.Queue, options.Get(SlaQueue.QueueName), time, logger, lifetime)
{
    /// <inheritdoc />
    protected override async Task HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var e = SlaQueue.Parse(item.Payload);
        var current = await store.GetAsync(e.OrderId) ?? throw new PermanentFailureException($"Work order {e.OrderId} does not exist.");
        if (!current.HasApplied(e.Id) && !SlaPolicy.StillApplies(current, e))
        {
            Log.Stale(Logger, e.Id);
            return;
        }

        var now = Time.GetUtcNow();
        var (order, _) = await store.UpdateAsync(e.OrderId, e.Id, o => SlaPolicy.StillApplies(o, e) ? Apply(o, e, now) : o);
        if (!order.HasApplied(e.Id)) return;
        var tag = $"sla{WorkOrderService.EventIndex(order, e.Id)}";
        var due = WorkOrderText.Time(e.Due, order.TimeZone);
        var line = $"{order.Id} {WorkOrder.TypeName(order.Type)}（{WorkOrderText.Summary(order)}）";
        switch (e.Kind)
        {
            case SlaEventKind.RespondWarn:
                await ToOwnerAsync(order, tag, $"【即将超时】{line} 需在{due}前响应（接单/联系/到场），请尽快处理后回复“接单 {order.Id}”。");
                break;
            case SlaEventKind.Warn:
                await ToOwnerAsync(order, tag, $"【即将超时】{line} 办结时限{due}，请抓紧处理；办不完请用“延期 {order.Id} 原因”告诉提问人。");
                break;
            case SlaEventKind.RespondBreach:
                await ToOwnerAsync(order, tag, $"【已超时】{line} 未在{due}前响应，已上报主管。");
                await ToSupervisorAsync(order, tag, $"【超时督办】{line} 负责人{order.OwnerName}未在{due}前响应，请督办。");
                break;
            case SlaEventKind.Breach:
                await ToOwnerAsync(order, tag, $"【已超时】{line} 未在{due}前办结，已上报主管并告知提问人，新时限{WorkOrderText.Time(order.Deadline, order.TimeZone)}。");
                await ToSupervisorAsync(order, tag, $"【超时督办】{line} 负责人{order.OwnerName}未在{due}前办结，已告知提问人延期到{WorkOrderText.Time(order.Deadline, order.TimeZone)}，请督办。");
                await service.TellAskersLateAsync(order, tag);
                break;
        }

        Log.Acted(Logger, e.Kind, order.Id);
        WorkOrderMetrics.SlaEvent(e.Kind);
    }

    private WorkOrder Apply(WorkOrder order, SlaEvent e, DateTimeOffset now)
    {
        var at = WorkOrderText.Time(e.Due, order.TimeZone);
        return e.Kind switch
        {
            SlaEventKind.RespondWarn => order.Record(new WorkOrderEvent(now, "respond-warned", "sla", $"提醒负责人：{at}前需响应", e.Id)) with { RespondWarned = true },
            SlaEventKind.RespondBreach => order.Record(new WorkOrderEvent(now, "respond-breached", "sla", $"未在{at}前响应，已上报主管", e.Id)) with { RespondBreached = true, Overdue = true },
            SlaEventKind.Warn => order.Record(new WorkOrderEvent(now, "warned", "sla", $"提醒负责人：{at}前需办结", e.Id)) with { WarnedFor = e.Due },
            SlaEventKind.Breach => Breach(order, e, now),
            _ => order.AutoClose(now, e.Id),
        };
    }

    // A missed deadline: recorded, a new deadline set, and the reason the askers hear is the owner's own (a
    // postponement or the latest progress) when there is one.
    private WorkOrder Breach(WorkOrder order, SlaEvent e, DateTimeOffset now)
    {
        var reason = order.DelayReason ?? (order.Progress is { } p ? $"还在处理中。最新进展：{p.TrimEnd('。')}。" : null) ?? service.DefaultDelayReason;
        var next = policy.Extended(order, now);
        var breached = order.Record(new WorkOrderEvent(now, "breached", "sla",
            $"超过办结时限{WorkOrderText.Time(e.Due, order.TimeZone)}，已上报主管，新时限{WorkOrderText.Time(next, order.TimeZone)}", e.Id));
        return breached with { BreachedFor = e.Due, Overdue = true, PreviousDeadline = order.Deadline, Deadline = next, DelayReason = reason };
    }

    private async Task ToOwnerAsync(WorkOrder order, string tag, string text)
    {
        if (await messages.RecipientOfAsync(order) is { } owner) await messages.ToStaffAsync(owner, $"wo-{order.Id}-{tag}-owner", text, "workorder-sla", critical: true);
    }

    private async Task ToSupervisorAsync(WorkOrder order, string tag, string text)
    {
        if ((await directory.GetAreaAsync(order.AreaId))?.SupervisorId is { Length: > 0 } supervisor)
        {
            await messages.ToStaffAsync(supervisor, $"wo-{order.Id}-{tag}-supervisor", text, "workorder-escalation", critical: true);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.WorkOrders + 21, LogLevel.Information, "SLA {Kind} on work order {OrderId}")]
        public static partial void Acted(ILogger logger, SlaEventKind kind, string orderId);

        [LoggerMessage(EventIds.WorkOrders + 22, LogLevel.Debug, "SLA event {EventId} no longer applies; skipped")]
        public static partial void Stale(ILogger logger, string eventId);
    }
}
