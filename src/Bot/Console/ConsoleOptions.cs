using Microsoft.Extensions.Options;

namespace GridService.Bot.StaffConsole;

/// <summary>The staff console's sign-in settings (section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Console";

    /// <summary>Wrong passwords in a row (within <see cref="FailureWindow"/>) that lock an account.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long failures are remembered: a wrong password an hour ago does not count towards a lockout.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a sign-in lasts without use (sliding).</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(8);
}

/// <summary>Names every bad console setting.</summary>
public sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxFailures is < 1 or > 100) errors.Add($"Console:MaxFailures must be 1..100 (was {options.MaxFailures}).");
        if (options.FailureWindow < TimeSpan.FromSeconds(1)) errors.Add($"Console:FailureWindow must be at least 00:00:01 (was {options.FailureWindow}).");
        if (options.LockoutFor < TimeSpan.FromSeconds(1)) errors.Add($"Console:LockoutFor must be at least 00:00:01 (was {options.LockoutFor}).");
        if (options.SessionIdle < TimeSpan.FromMinutes(1)) errors.Add($"Console:SessionIdle must be at least 00:01:00 (was {options.SessionIdle}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
