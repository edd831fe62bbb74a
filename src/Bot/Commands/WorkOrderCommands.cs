using System.Globalization;
using System.Text;
using GridService.Bot.WorkOrders;
using GridService.Core.Grid;

namespace GridService.Bot.Commands;

/// <summary>
/// Runs the work-order commands for staff (permission is checked by the <see cref="CommandHandler"/>) and answers in
/// one short message. In a group, short numbers (<c>0042</c>) are looked up in the group's area; in private, in the
/// sender's areas.
/// </summary>
public sealed class WorkOrderCommands(WorkOrderService service, WorkOrderStore store, GridDirectory directory)
{
    private const int MaxListed = 15;

    /// <summary>Runs the command and returns the reply.</summary>
    public async Task<string> RunAsync(WorkOrderCommand command, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.Sender ?? new Staff(context.Message.SenderId, context.Message.SenderName, "", StaffRole.Manager, "");
        var areas = await AreasOfAsync(context, actor);
        var source = context.SourceId;
        try
        {
            switch (command)
            {
                case WorkOrderCommand.List:
                    return await ListAsync(areas, context.Group is null);
                case WorkOrderCommand.Accept a:
                    var accepted = await service.AcceptAsync(a.Order, actor, source, areas);
                    return $"已接单 {accepted.Id}（{WorkOrder.TypeName(accepted.Type)}），办结时限{WorkOrderText.Time(accepted.Deadline, accepted.TimeZone)}。";
                case WorkOrderCommand.Resolve r:
                    var resolved = await service.ResolveAsync(r.Order, actor, r.Result, source, areas);
                    return $"已办结 {resolved.Id}，处理结果已回复{resolved.DistinctAskers.Count()}位提问人，并请他们评价。";
                case WorkOrderCommand.Transfer t:
                    var transferred = await service.TransferAsync(t.Order, actor, t.Target, t.Note, source, areas);
                    return $"已把 {transferred.Id} 转派给{transferred.OwnerName}，已通知对方接单。";
                case WorkOrderCommand.Progress p:
                    var progressed = await service.ProgressAsync(p.Order, actor, p.Text, source, areas);
                    return $"已把 {progressed.Id} 的进展告诉提问人。";
                case WorkOrderCommand.Delay d:
                    var delayed = await service.DelayAsync(d.Order, actor, d.Reason, source, areas);
                    return $"已延期 {delayed.Id}，新时限{WorkOrderText.Time(delayed.Deadline, delayed.TimeZone)}，已告诉提问人原因。";
                case WorkOrderCommand.Cancel c:
                    var cancelled = await service.CancelAsync(c.Order, actor, c.Reason, source, areas);
                    return $"已撤销 {cancelled.Id}，已告诉提问人。";
                case WorkOrderCommand.Handover h:
                    return await HandOverAsync(h, context, actor);
                default:
                    return "这个命令暂不支持。";
            }
        }
        catch (WorkOrderException ex)
        {
            return ex.Message;
        }
    }

    private async Task<string> ListAsync(IReadOnlyCollection<string> areas, bool isPrivate)
    {
        var orders = (await store.ActiveAsync())
            .Where(o => o.IsOpenWork && areas.Contains(o.AreaId))
            .OrderByDescending(o => o.Priority).ThenBy(o => o.Deadline)
            .ToList();
        if (orders.Count == 0) return isPrivate ? "您负责的片区没有未办结的工单。" : "本片区没有未办结的工单。";
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"未办结工单{orders.Count}张：");
        foreach (var order in orders.Take(MaxListed)) text.Append('\n').Append(WorkOrderText.ListLine(order));
        if (orders.Count > MaxListed) text.Append('\n').Append(CultureInfo.InvariantCulture, $"……另有{orders.Count - MaxListed}张，请在工单系统查看。");
        return text.ToString();
    }

    private async Task<string> HandOverAsync(WorkOrderCommand.Handover h, CommandContext context, Staff actor)
    {
        Staff? successor;
        if (h.Successor is { } named)
        {
            successor = await service.StaffAsync(named);
            if (successor is null) return $"不认识接班人“{named}”，请写工作人员的姓名。";
        }
        else
        {
            // With one other manager bound to the group, that is the next on duty; otherwise the sender must say who.
            var others = context.Group?.ManagerIds.Where(id => id != actor.Id).ToList() ?? [];
            if (others.Count != 1) return "请写上接班人，例如：交班 陈晓雨";
            successor = await directory.GetStaffAsync(others[0]);
            if (successor is null) return "请写上接班人，例如：交班 陈晓雨";
        }

        var moved = await service.HandOverAsync(actor, successor, context.SourceId);
        return moved.Count == 0
            ? $"已交班给{successor.Name}，您名下没有未办结的工单。"
            : $"已交班给{successor.Name}，移交未办结工单{moved.Count}张：{string.Join("、", moved.Select(o => o.Id))}。";
    }

    // In a group: its area. In private: the areas the sender manages, is on duty for or supervises; all if none.
    private async Task<IReadOnlyCollection<string>> AreasOfAsync(CommandContext context, Staff actor)
    {
        if (context.Area is { } area) return [area.Id];
        var areas = await directory.ListAreasAsync();
        var mine = new HashSet<string>(areas.Where(a => a.ManagerId == actor.Id || a.SupervisorId == actor.Id).Select(a => a.Id), StringComparer.Ordinal);
        foreach (var group in await directory.ListGroupsAsync())
        {
            if (group.ManagerIds.Contains(actor.Id, StringComparer.Ordinal)) mine.Add(group.AreaId);
        }

        return mine.Count > 0 ? mine : [.. areas.Select(a => a.Id)];
    }
}
