using System.Text.RegularExpressions;
using GridService.Bot.WorkOrders.Sla;
using GridService.Core.Grid;
using Microsoft.Extensions.Options;

namespace GridService.Bot.WorkOrders;

/// <summary>
/// What people do with orders, from manager commands and the operator API alike: accept, resolve, transfer,
/// progress, postpone, cancel, hand over a shift, and the askers' rating. Each operation carries a source id (the
/// command message, the request's Idempotency-Key) so a repeated one is applied once and posts once.
/// </summary>
public sealed partial class WorkOrderService(
    WorkOrderStore store, SlaPolicy sla, GridDirectory directory, WorkOrderMessages messages, IOptions<WorkOrderOptions> options,
    TimeProvider time, ILogger<WorkOrderService> logger)
{
    /// <summary>What askers are told when a deadline passes and the owner gave no reason or progress.</summary>
    public string DefaultDelayReason => options.Value.DefaultDelayReason;

    /// <summary>Finds an order by its full number (<c>GD20261123-0042</c>, any case, GD optional) or, among active orders
    /// of <paramref name="areaIds"/> (all when null), by its last digits (<c>0042</c>, <c>42</c>).</summary>
    public async Task<WorkOrder> FindAsync(string reference, IReadOnlyCollection<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var text = reference.Trim().ToUpperInvariant();
        if (FullNumber().Match(text) is { Success: true } full)
        {
            var number = int.Parse(full.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            return await store.GetAsync(WorkOrderIds.Format(full.Groups[1].Value, number)) ?? throw WorkOrderException.NotFound(reference);
        }

        if (!Suffix().IsMatch(text)) throw WorkOrderException.BadInput($"“{reference}”不是工单号，工单号形如 GD20261123-0042，也可以只写尾号 0042。");
        var suffix = "-" + WorkOrderIds.Number(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
        var matches = (await store.ActiveAsync())
            .Where(o => o.Id.EndsWith(suffix, StringComparison.Ordinal) && (areaIds is null || areaIds.Contains(o.AreaId)))
            .ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw WorkOrderException.NotFound(reference),
            _ => throw WorkOrderException.BadInput($"尾号{reference}的工单有{matches.Count}张（{string.Join("、", matches.Select(o => o.Id))}），请写完整单号。"),
        };
    }

    /// <summary>Takes an order on; the askers hear that someone is on it.</summary>
    public async Task<WorkOrder> AcceptAsync(string reference, Staff actor, string sourceId, IReadOnlyCollection<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var found = await FindAsync(reference, areaIds);
        var (order, _) = await store.UpdateAsync(found.Id, sourceId, o => o.Accept(actor.Id, actor.Name, time.GetUtcNow(), sourceId));
        await messages.PostToAskersAsync(order, "workorder-updated", $"e{EventIndex(order, sourceId)}",
            m => m with { Progress = $"工作人员{actor.Name}已接单，正在处理。" });
        Log.Changed(logger, order.Id, "accepted", actor.Id);
        return order;
    }

    /// <summary>Writes the result on the order, answers each asker from it (quoting them) and asks for a rating.</summary>
    public async Task<WorkOrder> ResolveAsync(string reference, Staff actor, string result, string sourceId, IReadOnlyCollection<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var found = await FindAsync(reference, areaIds);
        var (order, _) = await store.UpdateAsync(found.Id, sourceId, o => o.Resolve(actor.Id, actor.Name, result, time.GetUtcNow(), sourceId));
        if (order.Status == WorkOrderStatus.Resolved)
        {
            foreach (var asker in order.DistinctAskers)
            {
                await store.AwaitFeedbackAsync(order.GroupId, asker.UserId, order.Id, options.Value.AutoCloseAfter);
            }
        }

        await messages.PostToAskersAsync(order, "workorder-resolved", $"e{EventIndex(order, sourceId)}", m => m);
        Log.Changed(logger, order.Id, "resolved", actor.Id);
        return order;
    }

    /// <summary>Hands the order to a person (id or name) or a configured department; the new owner is paged.</summary>
    public async Task<WorkOrder> TransferAsync(
        string reference, Staff actor, string target, string? note, string sourceId, IReadOnlyCollection<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var found = await FindAsync(reference, areaIds);
        var (targetId, targetName) = await TargetAsync(target);
        var (order, _) = await store.UpdateAsync(found.Id, sourceId, o => o.Transfer(actor.Id, targetId, targetName, note, time.GetUtcNow(), sourceId));
        await messages.PageOwnerAsync(order, $"e{EventIndex(order, sourceId)}", order.Priority == WorkOrderPriority.Urgent);
        Log.Changed(logger, order.Id, "transferred", actor.Id);
        return order;
    }

    /// <summary>Tells the askers how it is going.</summary>
    public async Task<WorkOrder> ProgressAsync(string reference, Staff actor, string text, string sourceId, IReadOnlyCollection<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var found = await FindAsync(reference, areaIds);
        var (order, _) = await store.UpdateAsync(found.Id, sourceId, o => o.ReportProgress(actor.Id, text, time.GetUtcNow(), sourceId));
        await messages.PostToAskersAsync(order, "workorder-updated", $"e{EventIndex(order, sourceId)}", m => m);
        Log.Changed(logger, order.Id, "progress", actor.Id);
        return order;
    }

    /// <summary>The deadline cannot be met: moves it and tells the askers why and until when.</summary>
    public async Task<WorkOrder> DelayAsync(string reference, Staff actor, string reason, string sourceId, IReadOnlyCollection<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var found = await FindAsync(reference, areaIds);
        var now = time.GetUtcNow();
        var (order, _) = await store.UpdateAsync(found.Id, sourceId, o => o.Delay(actor.Id, reason, sla.Extended(o, now), now, sourceId));
        await TellAskersLateAsync(order, $"e{EventIndex(order, sourceId)}");
        Log.Changed(logger, order.Id, "delayed", actor.Id);
        return order;
    }

    /// <summary>Withdraws the order; the askers are told why.</summary>
    public async Task<WorkOrder> CancelAsync(string reference, Staff actor, string reason, string sourceId, IReadOnlyCollection<string>? areaIds = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var found = await FindAsync(reference, areaIds);
        var (order, _) = await store.UpdateAsync(found.Id, sourceId, o => o.Cancel(actor.Id, reason, time.GetUtcNow(), sourceId));
        await messages.PostToAskersAsync(order, "workorder-updated", $"e{EventIndex(order, sourceId)}",
            m => m with { Progress = $"这张工单已撤销：{reason.Trim()}。如果问题还在，请在群里@我再说一声。" });
        Log.Changed(logger, order.Id, "cancelled", actor.Id);
        return order;
    }

    /// <summary>
    /// Shift handover: every order <paramref name="actor"/> is working on moves to <paramref name="successor"/>, who
    /// also becomes the manager on duty of the areas <paramref name="actor"/> was on duty for, and gets the list.
    /// </summary>
    public async Task<IReadOnlyList<WorkOrder>> HandOverAsync(Staff actor, Staff successor, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(successor);
        if (successor.Id == actor.Id) throw WorkOrderException.BadInput("接班人不能是自己。");
        var now = time.GetUtcNow();
        var moved = new List<WorkOrder>();
        foreach (var open in (await store.ActiveAsync()).Where(o => o.IsOpenWork && o.OwnerId == actor.Id))
        {
            var (order, _) = await store.UpdateAsync(open.Id, sourceId, o => o.HandOver(actor.Id, successor.Id, successor.Name, now, sourceId));
            moved.Add(order);
        }

        // Orders already moved by an earlier run of the same handover (a redelivered command) are listed again.
        moved.AddRange((await store.ActiveAsync()).Where(o => o.IsOpenWork && o.OwnerId == successor.Id && o.HasApplied(sourceId)
            && moved.All(m => m.Id != o.Id)));
        foreach (var area in (await directory.ListAreasAsync()).Where(a => a.ManagerId == actor.Id))
        {
            await directory.SaveAreaAsync(area with { ManagerId = successor.Id });
        }

        var list = moved.Count == 0 ? "没有未办结的工单。" : string.Join("\n", moved.Select(WorkOrderText.ListLine));
        await messages.ToStaffAsync(successor.Id, $"wo-handover-{sourceId}", $"【交班】{actor.Name}已把班交给您。\n{list}", "workorder-handover");
        Log.HandedOver(logger, actor.Id, successor.Id, moved.Count);
        return moved;
    }

    /// <summary>
    /// Records a 满意/不满意 from a group member who was asked to rate an order; null when they were not asked
    /// (the message is then an ordinary one). Dissatisfied reopens the order and pages its owner.
    /// </summary>
    public async Task<(WorkOrder Order, bool Satisfied)?> RateAsync(string groupId, string userId, bool satisfied, string text, string sourceId)
    {
        if (await store.PendingFeedbackAsync(groupId, userId) is not { } id) return null;
        var now = time.GetUtcNow();
        WorkOrder order;
        try
        {
            (order, _) = await store.UpdateAsync(id, sourceId, o =>
                o.Rate(userId, satisfied, text, sla.Deadlines(o.Type, o.AreaKind, o.TimeZone, now).Deadline, now, sourceId));
        }
        catch (WorkOrderException)
        {
            // The order moved on (reopened by a neighbour's 不满意, or closed): the rating still counts and gets an answer.
            try
            {
                (order, _) = await store.UpdateAsync(id, sourceId, o => o.RateLate(userId, satisfied, text, now, sourceId));
            }
            catch (WorkOrderException)
            {
                await store.ForgetFeedbackAsync(groupId, userId); // the order is gone
                return null;
            }
        }

        await store.ForgetFeedbackAsync(groupId, userId);
        if (!satisfied && await messages.RecipientOfAsync(order) is { } owner)
        {
            await messages.ToStaffAsync(owner, $"wo-{order.Id}-e{EventIndex(order, sourceId)}-unhappy",
                $"【工单重新打开】{order.Id} 提问人回复不满意：{Masking.MaskText(text)}\n新时限：{WorkOrderText.Deadline(order.Deadline, order.TimeZone)}，请继续跟进。",
                "workorder-reopened");
        }

        Log.Rated(logger, order.Id, satisfied);
        return (order, satisfied);
    }

    /// <summary>Posts the overdue template to the askers: the old deadline, the reason and the new deadline.</summary>
    public Task TellAskersLateAsync(WorkOrder order, string tag)
    {
        ArgumentNullException.ThrowIfNull(order);
        return messages.PostToAskersAsync(order, "workorder-overdue", tag, m => m with
        {
            Deadline = order.PreviousDeadline ?? order.Deadline,
            NewDeadline = order.Deadline,
            DelayReason = order.DelayReason ?? options.Value.DefaultDelayReason,
        });
    }

    /// <summary>The position of the event <paramref name="sourceId"/> caused: a stable part of the ids of the posts it makes.</summary>
    public static int EventIndex(WorkOrder order, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(order);
        for (var i = order.Timeline.Count - 1; i >= 0; i--)
        {
            if (order.Timeline[i].SourceId == sourceId) return i;
        }

        return order.Timeline.Count;
    }

    /// <summary>A member of staff by id or name.</summary>
    public async Task<Staff?> StaffAsync(string reference)
    {
        var text = reference.Trim();
        return await directory.GetStaffAsync(text)
            ?? (await directory.ListStaffAsync()).FirstOrDefault(s => s.Name == text);
    }

    private async Task<(string Id, string Name)> TargetAsync(string target)
    {
        if (await StaffAsync(target) is { } staff) return (staff.Id, staff.Name);
        var name = target.Trim();
        if (options.Value.Departments.ContainsKey(name)) return (name, name);
        throw WorkOrderException.BadInput($"不认识“{target}”：请写工作人员的姓名，或部门（{string.Join("、", options.Value.Departments.Keys)}）。");
    }

    [GeneratedRegex(@"^(?:GD)?(\d{8})-?(\d{1,6})$")]
    private static partial Regex FullNumber();

    [GeneratedRegex(@"^\d{1,6}$")]
    private static partial Regex Suffix();

    private static partial class Log
    {
        [LoggerMessage(EventIds.WorkOrders + 10, LogLevel.Information, "Work order {OrderId} {Change} by {ActorId}")]
        public static partial void Changed(ILogger logger, string orderId, string change, string actorId);

        [LoggerMessage(EventIds.WorkOrders + 11, LogLevel.Information, "Shift handover from {ActorId} to {SuccessorId}: {Count} open orders moved")]
        public static partial void HandedOver(ILogger logger, string actorId, string successorId, int count);

        [LoggerMessage(EventIds.WorkOrders + 12, LogLevel.Information, "Work order {OrderId} rated; satisfied: {Satisfied}")]
        public static partial void Rated(ILogger logger, string orderId, bool satisfied);
    }
}
