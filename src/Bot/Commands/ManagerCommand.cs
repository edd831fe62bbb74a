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

    /// <summary>A command verb with arguments that could not be read; <paramref name="Error"/> says why in one line.</summary>
    public sealed record Invalid(string Error) : ManagerCommand;
}
