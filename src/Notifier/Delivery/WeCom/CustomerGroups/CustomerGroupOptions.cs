using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom.CustomerGroups;

/// <summary>
/// External customer groups (section <c>WeCom:CustomerGroups</c>): which WeCom group each GridService group is
/// (<c>Groups:{groupId}:ChatId</c>, the <c>wr…</c> id) and who owns it (<c>Owner</c>, the userid that confirms 群发
/// tasks; by default the group's first manager), the app whose token may call 客户联系, and the pace of the tasks.
/// </summary>
public sealed class CustomerGroupOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "WeCom:CustomerGroups";

    /// <summary>The app configured under 客户联系 → 可调用接口的应用; empty: <c>WeCom:DefaultApp</c>.</summary>
    public string App { get; set; } = "";

    /// <summary>When in the area's day a held message may go.</summary>
    public TimeOnly SendFrom { get; set; } = new(8, 0);

    /// <summary>How often a task's result is looked up while the manager has not confirmed it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this long unconfirmed the manager is reminded (at most 3 times a day, WeCom's limit).</summary>
    public TimeSpan RemindAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>After this long unconfirmed the task is cancelled and the message dead-lettered.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>GridService group id → the WeCom customer group.</summary>
    public Dictionary<string, CustomerGroup> Groups { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One customer group.</summary>
public sealed class CustomerGroup
{
    /// <summary>The WeCom chat id (<c>wr…</c>).</summary>
    public string ChatId { get; set; } = "";

    /// <summary>The group owner's userid, who confirms the tasks; empty: the group's first manager.</summary>
    public string Owner { get; set; } = "";
}

/// <summary>Names every bad customer-group setting.</summary>
public sealed class CustomerGroupOptionsValidator : IValidateOptions<CustomerGroupOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CustomerGroupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PollInterval < TimeSpan.FromSeconds(1)) failures.Add($"WeCom:CustomerGroups:PollInterval {options.PollInterval} must be at least 00:00:01.");
        if (options.GiveUpAfter <= options.PollInterval) failures.Add($"WeCom:CustomerGroups:GiveUpAfter {options.GiveUpAfter} must be longer than the PollInterval.");
        foreach (var (group, o) in options.Groups)
        {
            if (string.IsNullOrWhiteSpace(o.ChatId)) failures.Add($"WeCom:CustomerGroups:Groups:{group}:ChatId is empty; give the customer group's chat id (wr…).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
