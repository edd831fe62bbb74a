using System.Globalization;
using GridService.Bot.Knowledge;
using GridService.Bot.Knowledge.Policy;
using GridService.Bot.WorkOrders.Limits;
using GridService.Bot.WorkOrders.Places;
using GridService.Bot.WorkOrders.Sla;
using GridService.Core.Grid;
using Microsoft.Extensions.Options;

namespace GridService.Bot.WorkOrders;

/// <summary>
/// An escalated report as an order: the order, whether this report opened or joined it, and the reporter; or, past
/// the sender's or group's hourly limit, no order and the <see cref="Refusal"/>.
/// </summary>
public sealed record Intake(WorkOrder? Order, IntakeOutcome Outcome, Asker Asker, LimitRefusal? Refusal = null);

/// <summary>
/// Turns an escalation decision into a work order: a new one, or, for another report of the same outage in the same
/// group, or of the same kind of hazard at the same place (<see cref="PlaceParser"/>), within the cluster window,
/// the open one. Derived from the inbound message id, so processing the message again (after a crash) finds the same
/// order. New orders are bounded per sender and group (<see cref="EscalationLimits"/>).
/// </summary>
public sealed partial class WorkOrderIntake(
    WorkOrderStore store, SlaPolicy sla, GridDirectory directory, EscalationLimits limits, Attachments.PhotoIntake photos,
    IOptions<WorkOrderOptions> options,
    TimeProvider time, ILogger<WorkOrderIntake> logger)
{
    /// <summary>The incident key of a decision, or null when reports are individual (complaints, one home's fault).</summary>
    public static string? IncidentOf(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Reason switch
        {
            { } r when r.StartsWith("safety:", StringComparison.Ordinal) => "hazard",
            "outage:area-wide-report" => "outage",
            _ => null,
        };
    }

    /// <summary>The order type of an <c>escalate:*</c> label.</summary>
    public static WorkOrderType TypeOf(string label) => label switch
    {
        Decision.Repair => WorkOrderType.Repair,
        Decision.Complaint => WorkOrderType.Complaint,
        _ => WorkOrderType.Consult,
    };

    /// <summary>Opens or joins the order for an escalated message.</summary>
    /// <param name="relayVia">For a report a manager makes on a resident's behalf: the manager, who relays the order's news.</param>
    public async Task<Intake> ReportAsync(
        InboundMessage message, string text, ChatGroup group, Area area, Decision decision, Customer? customer, string? relayVia = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(decision);
        var now = time.GetUtcNow();
        var type = TypeOf(decision.Label);
        var hazard = decision.Reason?.StartsWith("safety:", StringComparison.Ordinal) ?? false;
        var place = hazard ? PlaceParser.Parse(text) : null;
        var incident = hazard ? await HazardIncidentAsync(group.Id, decision.Reason![7..], place) : IncidentOf(decision);
        var asker = new Asker(message.SenderId, customer?.Name ?? message.SenderName, message.MessageId, text, message.SentAt,
            customer?.AccountNo, customer?.Phone, RelayVia: relayVia);
        var (respondBy, deadline) = sla.Deadlines(type, area.Kind, area.TimeZone, now);
        var owner = await directory.GetStaffAsync(area.ManagerId);
        var created = hazard
            ? $"群内报告险情（{SafetyKinds.Describe(decision.Reason![7..])}{(place is null ? "" : "，" + place.Display)}），紧急抢修"
            : $"群内反映，机器人登记为{WorkOrder.TypeName(type)}工单";
        var draft = new WorkOrder
        {
            Type = type,
            Priority = hazard ? WorkOrderPriority.Urgent : WorkOrderPriority.Normal,
            AreaId = area.Id, AreaKind = area.Kind, TimeZone = area.TimeZone, GroupId = group.Id,
            Incident = incident,
            Place = place?.Display,
            OwnerId = area.ManagerId, OwnerName = owner?.Name ?? area.ManagerId,
            CreatedAt = now, RespondBy = respondBy, Deadline = deadline,
            Askers = [asker],
            Timeline = [new WorkOrderEvent(now, "created", message.SenderId, created, message.MessageId)],
        };

        var local = TimeZoneInfo.ConvertTime(now, Zones.Find(area.TimeZone));
        var day = local.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // Only a report not seen before takes a place under the limits (a redelivered one finds its order below), and
        // one that joins an open incident opens nothing new, so the limits do not hold it back.
        if (await store.ClaimOfAsync(message.Channel, message.MessageId) is null
            && await limits.ReserveAsync(group.Id, message.SenderId, message.MessageId) is { } refusal
            && (incident is null || await store.IncidentOrderAsync(group.Id, incident) is null))
        {
            Log.Limited(logger, message.MessageId, group.Id, refusal.Scope, refusal.Limit);
            return new Intake(null, IntakeOutcome.Limited, asker, await limits.RefuseAsync(refusal, group.Id, message.SenderId, message.MessageId));
        }

        var (id, outcome) = await store.OpenOrJoinAsync(message.Channel, message.MessageId, $"GD{day}-", day, draft, options.Value.ClusterWindow);
        WorkOrder order;
        if (outcome == IntakeOutcome.Joined)
        {
            (order, _) = await store.UpdateAsync(id, message.MessageId, o => o.Join(asker, now));
            await limits.ReleaseAsync(group.Id, message.SenderId, message.MessageId);
            Log.Joined(logger, id, message.MessageId, order.DistinctAskers.Count());
        }
        else
        {
            order = await store.GetAsync(id) ?? throw new InvalidOperationException($"Work order {id} was opened but is missing.");
            Log.Opened(logger, id, order.Type, order.Priority, area.Id, message.MessageId);
        }

        // Photos the reporter sent just before the words go onto the order now.
        await photos.AttachPendingAsync(order, message.SenderId, message.MessageId);
        return new Intake(order, outcome, order.Askers.FirstOrDefault(a => a.MessageId == message.MessageId) ?? asker);
    }

    // The incident a hazard joins: the group's open order of the same kind at an agreeing place, else its own.
    private async Task<string> HazardIncidentAsync(string groupId, string kind, Place? place)
    {
        var prefix = $"hazard:{kind}:";
        foreach (var order in (await store.ActiveAsync()).Reverse())
        {
            if (order.GroupId == groupId && order.IsOpenWork && order.Incident is { } incident && incident.StartsWith(prefix, StringComparison.Ordinal)
                && PlaceParser.Agree(incident[prefix.Length..] is var key && key == "-" ? null : key, place?.Key))
            {
                return incident;
            }
        }

        return prefix + (place?.Key ?? "-");
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.WorkOrders + 2, LogLevel.Warning, "Message {MessageId} in {GroupId} opened no order: over the {Scope} limit of {Limit} new orders an hour")]
        public static partial void Limited(ILogger logger, string messageId, string groupId, string scope, int limit);

        [LoggerMessage(EventIds.WorkOrders, LogLevel.Information, "Work order {OrderId} opened: {Type}, {Priority}, area {AreaId} (message {MessageId})")]
        public static partial void Opened(ILogger logger, string orderId, WorkOrderType type, WorkOrderPriority priority, string areaId, string messageId);

        [LoggerMessage(EventIds.WorkOrders + 1, LogLevel.Information, "Message {MessageId} joined work order {OrderId}; {Reporters} people reported it")]
        public static partial void Joined(ILogger logger, string orderId, string messageId, int reporters);
    }
}
