namespace GridService.Bot.Commands;

/// <summary>A command an area manager types in the group or in private.</summary>
public abstract record ManagerCommand
{
    /// <summary><c>帮助</c>: lists the commands.</summary>
    public sealed record Help : ManagerCommand;

    /// <summary><c>开启机器人</c> / <c>关闭机器人</c>.</summary>
    public sealed record SwitchBot(bool On) : ManagerCommand;

    /// <summary><c>停电通知 11月28日 08:00-12:00 范围 原因</c>: preview a planned outage notice, published on <c>确认</c>.</summary>
    public sealed record PlannedOutage(DateTimeOffset Start, DateTimeOffset End, string Scope, string Reason) : ManagerCommand;

    /// <summary><c>确认</c>: publish the notice whose preview the manager was sent.</summary>
    public sealed record Confirm : ManagerCommand;

    /// <summary><c>取消</c>: drop the notice whose preview the manager was sent.</summary>
    public sealed record Discard : ManagerCommand;

    /// <summary><c>代报 [称呼] [电话]</c>: open a work order for the resident's question the manager last forwarded.</summary>
    public sealed record ReportForResident(string? Resident) : ManagerCommand;

    /// <summary>A command verb with arguments that could not be read; <paramref name="Error"/> says why in one line.</summary>
    public sealed record Invalid(string Error) : ManagerCommand;
}

/// <summary>Work-order commands; <see cref="WorkOrderCommands"/> runs them.</summary>
public abstract record WorkOrderCommand : ManagerCommand
{
    /// <summary><c>工单</c>: the open orders of this area (in private: of the sender's areas).</summary>
    public sealed record List : WorkOrderCommand;

    /// <summary><c>接单 GD20261123-0042</c>.</summary>
    public sealed record Accept(string Order) : WorkOrderCommand;

    /// <summary><c>办结 GD20261123-0042 处理结果</c>.</summary>
    public sealed record Resolve(string Order, string Result) : WorkOrderCommand;

    /// <summary><c>转派 GD20261123-0042 陈晓雨|营销部 [说明]</c>.</summary>
    public sealed record Transfer(string Order, string Target, string? Note) : WorkOrderCommand;

    /// <summary><c>交班 [接班人]</c>: the sender's open orders move to the next manager on duty.</summary>
    public sealed record Handover(string? Successor) : WorkOrderCommand;

    /// <summary><c>进展 GD20261123-0042 进展</c>: tells the askers how it is going.</summary>
    public sealed record Progress(string Order, string Text) : WorkOrderCommand;

    /// <summary><c>延期 GD20261123-0042 原因</c>: the deadline cannot be met; the askers are told why.</summary>
    public sealed record Delay(string Order, string Reason) : WorkOrderCommand;

    /// <summary><c>撤单 GD20261123-0042 原因</c>.</summary>
    public sealed record Cancel(string Order, string Reason) : WorkOrderCommand;
}
