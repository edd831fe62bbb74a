using Microsoft.Extensions.Options;

namespace GridService.Notifier.Scheduling;

/// <summary>The Quartz schedules (section <c>Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Scheduling";

    /// <summary>False runs no scheduled jobs in this process (e.g. an API-only Notifier).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each job looks for what fell due; it also runs once at start-up to catch up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How late a scheduled message may still go after a Notifier was down: what fell due longer ago is skipped
    /// (and logged), because a reminder days late no longer helps.
    /// </summary>
    public TimeSpan CatchUpHorizon { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long one run holds its Redis lock at most; another Notifier may take over after that.</summary>
    public TimeSpan LockTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Quartz scheduler name; with a clustered AdoJobStore every Notifier must use the same one.</summary>
    public string SchedulerName { get; set; } = "gridservice-notifier";
}

/// <summary>Names every bad <see cref="SchedulingOptions"/> value.</summary>
public sealed class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromHours(1))
        {
            errors.Add($"Scheduling:Interval {options.Interval} must be between 00:00:01 and 01:00:00.");
        }

        if (options.CatchUpHorizon < options.Interval) errors.Add($"Scheduling:CatchUpHorizon {options.CatchUpHorizon} must be at least the interval {options.Interval}.");
        if (options.LockTime < TimeSpan.FromSeconds(5)) errors.Add($"Scheduling:LockTime {options.LockTime} must be at least 00:00:05.");
        if (string.IsNullOrWhiteSpace(options.SchedulerName)) errors.Add("Scheduling:SchedulerName is required.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
