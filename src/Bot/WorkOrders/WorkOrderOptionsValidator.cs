using GridService.Bot.WorkOrders.Sla;
using Microsoft.Extensions.Options;

namespace GridService.Bot.WorkOrders;

/// <summary>Checks every deadline rule and names each bad value with its configuration key.</summary>
public sealed class WorkOrderOptionsValidator : IValidateOptions<WorkOrderOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkOrderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var (type, rules) in new[] { ("Repair", options.Repair), ("Complaint", options.Complaint), ("Consult", options.Consult) })
        {
            foreach (var (kind, rule) in new[] { ("Urban", rules.Urban), ("Rural", rules.Rural), ("Remote", rules.Remote) })
            {
                Check(rule, $"{WorkOrderOptions.Section}:{type}:{kind}", errors);
            }
        }

        if (options.ClusterWindow <= TimeSpan.Zero) errors.Add($"{WorkOrderOptions.Section}:ClusterWindow must be positive (was {options.ClusterWindow}).");
        if (options.AutoCloseAfter <= TimeSpan.Zero) errors.Add($"{WorkOrderOptions.Section}:AutoCloseAfter must be positive (was {options.AutoCloseAfter}).");
        if (options.WatchdogInterval < TimeSpan.FromMilliseconds(100)) errors.Add($"{WorkOrderOptions.Section}:WatchdogInterval must be at least 00:00:00.1 (was {options.WatchdogInterval}).");
        if (string.IsNullOrWhiteSpace(options.DefaultDelayReason)) errors.Add($"{WorkOrderOptions.Section}:DefaultDelayReason is required.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(SlaRule rule, string key, List<string> errors)
    {
        ExactlyOne(rule.ResolveWithin, rule.ResolveWorkingDays, $"{key}:ResolveWithin", $"{key}:ResolveWorkingDays", required: true, errors);
        ExactlyOne(rule.WarnBefore, rule.WarnWorkingDaysBefore, $"{key}:WarnBefore", $"{key}:WarnWorkingDaysBefore", required: true, errors);
        ExactlyOne(rule.ExtendBy, rule.ExtendWorkingDays, $"{key}:ExtendBy", $"{key}:ExtendWorkingDays", required: true, errors);
        if (rule.RespondWithin < TimeSpan.Zero) errors.Add($"{key}:RespondWithin must not be negative (was {rule.RespondWithin}).");
        if (rule.RespondWarnBefore < TimeSpan.Zero) errors.Add($"{key}:RespondWarnBefore must not be negative (was {rule.RespondWarnBefore}).");
        if (rule.RespondWithin > TimeSpan.Zero && rule.RespondWarnBefore >= rule.RespondWithin)
        {
            errors.Add($"{key}:RespondWarnBefore ({rule.RespondWarnBefore}) must be shorter than RespondWithin ({rule.RespondWithin}).");
        }

        if (rule.ResolveWithin > TimeSpan.Zero && rule.WarnBefore >= rule.ResolveWithin)
        {
            errors.Add($"{key}:WarnBefore ({rule.WarnBefore}) must be shorter than ResolveWithin ({rule.ResolveWithin}).");
        }

        if (rule.ResolveWorkingDays > 0 && rule.WarnWorkingDaysBefore >= rule.ResolveWorkingDays)
        {
            errors.Add($"{key}:WarnWorkingDaysBefore ({rule.WarnWorkingDaysBefore}) must be fewer than ResolveWorkingDays ({rule.ResolveWorkingDays}).");
        }

        if (rule.ResolveWithin > TimeSpan.Zero && rule.RespondWithin >= rule.ResolveWithin)
        {
            errors.Add($"{key}:RespondWithin ({rule.RespondWithin}) must be shorter than ResolveWithin ({rule.ResolveWithin}).");
        }
    }

    private static void ExactlyOne(TimeSpan clock, int workingDays, string clockKey, string daysKey, bool required, List<string> errors)
    {
        if (clock < TimeSpan.Zero) errors.Add($"{clockKey} must not be negative (was {clock}).");
        if (workingDays < 0) errors.Add($"{daysKey} must not be negative (was {workingDays}).");
        var set = (clock > TimeSpan.Zero ? 1 : 0) + (workingDays > 0 ? 1 : 0);
        if (set > 1) errors.Add($"Set only one of {clockKey} ({clock}) and {daysKey} ({workingDays}); set the other to 0.");
        if (set == 0 && required && clock >= TimeSpan.Zero && workingDays >= 0) errors.Add($"Set {clockKey} or {daysKey}.");
    }
}
