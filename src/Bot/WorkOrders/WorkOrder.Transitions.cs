namespace GridService.Bot.WorkOrders;

// The state machine. Each method returns the changed order with its timeline event, or throws a
// WorkOrderException whose message is the line the person sees.
public sealed partial record WorkOrder
{
    /// <summary>Shown names of the types.</summary>
    public static string TypeName(WorkOrderType type) => type switch
    {
        WorkOrderType.Repair => "故障报修",
        WorkOrderType.Complaint => "投诉",
        _ => "咨询",
    };

    /// <summary>Shown names of the statuses.</summary>
    public static string StatusName(WorkOrderStatus status) => status switch
    {
        WorkOrderStatus.Open => "待接单",
        WorkOrderStatus.Accepted => "处理中",
        WorkOrderStatus.Transferred => "已转派",
        WorkOrderStatus.Resolved => "已办结待评价",
        WorkOrderStatus.Closed => "已关闭",
        _ => "已撤销",
    };

    /// <summary>Adds another report of the same incident.</summary>
    public WorkOrder Join(Asker asker, DateTimeOffset at) => this with
    {
        Askers = [.. Askers, asker],
        Timeline = [.. Timeline, new WorkOrderEvent(at, "joined", asker.UserId, "同一问题又有人反映，已并入本工单", asker.MessageId)],
    };

    /// <summary>Adds photos a reporter sent; allowed in any state (a photo of what was fixed is worth keeping too).</summary>
    public WorkOrder Attach(IReadOnlyList<WorkOrderPhoto> photos, string from, DateTimeOffset at, string sourceId) => this with
    {
        Photos = [.. Photos, .. photos],
        Timeline = [.. Timeline, new WorkOrderEvent(at, "photo", from, $"收到照片{photos.Count}张", sourceId)],
    };

    /// <summary>The owner (or whoever accepts) takes it on.</summary>
    public WorkOrder Accept(string actorId, string actorName, DateTimeOffset at, string sourceId)
    {
        RequireOpenWork("接单");
        if (Status == WorkOrderStatus.Accepted && OwnerId == actorId) throw WorkOrderException.Conflict($"工单{Id}已由您接单，正在处理中。");
        return this with
        {
            Status = WorkOrderStatus.Accepted, OwnerId = actorId, OwnerName = actorName, AcceptedAt = AcceptedAt ?? at,
            Timeline = [.. Timeline, new WorkOrderEvent(at, "accepted", actorId, $"{actorName}已接单", sourceId)],
        };
    }

    /// <summary>The result is written on the order; the askers are answered from it.</summary>
    public WorkOrder Resolve(string actorId, string actorName, string result, DateTimeOffset at, string sourceId)
    {
        RequireOpenWork("办结");
        if (string.IsNullOrWhiteSpace(result)) throw WorkOrderException.BadInput("请写上处理结果，结果会回复给提问人。");
        return this with
        {
            Status = WorkOrderStatus.Resolved, Resolution = result.Trim(), ResolvedAt = at,
            Askers = [.. Askers.Select(a => a with { Satisfied = null })],
            Timeline = [.. Timeline, new WorkOrderEvent(at, "resolved", actorId, $"{actorName}办结：{result.Trim()}", sourceId)],
        };
    }

    /// <summary>Hands the order to another person or a department, who accepts it again.</summary>
    public WorkOrder Transfer(string actorId, string targetId, string targetName, string? note, DateTimeOffset at, string sourceId)
    {
        RequireOpenWork("转派");
        if (targetId == OwnerId) throw WorkOrderException.Conflict($"工单{Id}已经在{targetName}名下。");
        var text = $"转派给{targetName}" + (string.IsNullOrWhiteSpace(note) ? "" : "：" + note.Trim());
        return this with
        {
            Status = WorkOrderStatus.Transferred, OwnerId = targetId, OwnerName = targetName,
            Timeline = [.. Timeline, new WorkOrderEvent(at, "transferred", actorId, text, sourceId)],
        };
    }

    /// <summary>Shift handover: the successor owns it now; the status is kept.</summary>
    public WorkOrder HandOver(string actorId, string successorId, string successorName, DateTimeOffset at, string sourceId) => this with
    {
        OwnerId = successorId, OwnerName = successorName,
        Timeline = [.. Timeline, new WorkOrderEvent(at, "handover", actorId, $"交班移交给{successorName}", sourceId)],
    };

    /// <summary>Progress the askers are told about.</summary>
    public WorkOrder ReportProgress(string actorId, string text, DateTimeOffset at, string sourceId)
    {
        RequireOpenWork("更新进展");
        if (string.IsNullOrWhiteSpace(text)) throw WorkOrderException.BadInput("请写上进展内容。");
        return this with
        {
            Progress = text.Trim(),
            Timeline = [.. Timeline, new WorkOrderEvent(at, "progress", actorId, text.Trim(), sourceId)],
        };
    }

    /// <summary>The deadline cannot be met: a new one, and the reason the askers are told.</summary>
    public WorkOrder Delay(string actorId, string reason, DateTimeOffset newDeadline, DateTimeOffset at, string sourceId, string kind = "delayed")
    {
        RequireOpenWork("延期");
        if (string.IsNullOrWhiteSpace(reason)) throw WorkOrderException.BadInput("请写上延期原因，原因会告诉提问人。");
        return this with
        {
            DelayReason = reason.Trim(), PreviousDeadline = Deadline, Deadline = newDeadline,
            Timeline = [.. Timeline, new WorkOrderEvent(at, kind, actorId, $"延期：{reason.Trim()}", sourceId)],
        };
    }

    /// <summary>Withdrawn (a duplicate, the customer's own wiring...).</summary>
    public WorkOrder Cancel(string actorId, string reason, DateTimeOffset at, string sourceId)
    {
        RequireOpenWork("撤单");
        if (string.IsNullOrWhiteSpace(reason)) throw WorkOrderException.BadInput("请写上撤单原因。");
        return this with
        {
            Status = WorkOrderStatus.Cancelled, ClosedAt = at,
            Timeline = [.. Timeline, new WorkOrderEvent(at, "cancelled", actorId, $"撤单：{reason.Trim()}", sourceId)],
        };
    }

    /// <summary>
    /// Records an asker's rating. All satisfied: closed. Anyone dissatisfied: reopened for the owner with
    /// <paramref name="reopenDeadline"/>.
    /// </summary>
    public WorkOrder Rate(string userId, bool satisfied, string text, DateTimeOffset reopenDeadline, DateTimeOffset at, string sourceId)
    {
        if (Status != WorkOrderStatus.Resolved) throw WorkOrderException.Conflict($"工单{Id}当前不在待评价状态。");
        var askers = Askers.Select(a => a.UserId == userId ? a with { Satisfied = satisfied } : a).ToList();
        var rated = new WorkOrderEvent(at, "feedback", userId, satisfied ? "提问人评价：满意" : $"提问人评价：不满意（{text}）", sourceId);
        if (!satisfied)
        {
            return this with
            {
                Status = WorkOrderStatus.Accepted, Askers = askers, Deadline = reopenDeadline, ResolvedAt = null,
                Timeline = [.. Timeline, rated, new WorkOrderEvent(at, "reopened", "system", "提问人不满意，工单重新打开", sourceId + ":reopen")],
            };
        }

        var allSatisfied = askers.All(a => a.Satisfied == true);
        return allSatisfied
            ? this with
            {
                Status = WorkOrderStatus.Closed, Askers = askers, ClosedAt = at,
                Timeline = [.. Timeline, rated, new WorkOrderEvent(at, "closed", "system", "提问人均满意，工单关闭", sourceId + ":close")],
            }
            : this with { Askers = askers, Timeline = [.. Timeline, rated] };
    }

    /// <summary>
    /// Records a rating that arrives after the order moved on (another reporter's 不满意 reopened it, or it closed):
    /// the rating is kept on the asker and the timeline; the order's state does not change.
    /// </summary>
    public WorkOrder RateLate(string userId, bool satisfied, string text, DateTimeOffset at, string sourceId) => this with
    {
        Askers = [.. Askers.Select(a => a.UserId == userId ? a with { Satisfied = satisfied } : a)],
        Timeline = [.. Timeline, new WorkOrderEvent(at, "feedback", userId,
            satisfied ? $"提问人评价：满意（工单{StatusName(Status)}时收到）" : $"提问人评价：不满意（{text}，工单{StatusName(Status)}时收到）", sourceId)],
    };

    /// <summary>Closed without (all) ratings once the rating window passed.</summary>
    public WorkOrder AutoClose(DateTimeOffset at, string sourceId)
    {
        if (Status != WorkOrderStatus.Resolved) throw WorkOrderException.Conflict($"工单{Id}当前不在待评价状态。");
        return this with
        {
            Status = WorkOrderStatus.Closed, ClosedAt = at,
            Timeline = [.. Timeline, new WorkOrderEvent(at, "closed", "sla", "评价期已过，工单自动关闭", sourceId)],
        };
    }

    /// <summary>Adds a watchdog event (warned, breached...) with the flags it sets.</summary>
    public WorkOrder Record(WorkOrderEvent e) => this with { Timeline = [.. Timeline, e] };

    private void RequireOpenWork(string what)
    {
        if (!IsOpenWork) throw WorkOrderException.Conflict($"工单{Id}{StatusName(Status)}，不能再{what}。");
    }
}
