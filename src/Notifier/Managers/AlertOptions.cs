using Microsoft.Extensions.Options;

namespace GridService.Notifier.Managers;

/// <summary>What managers and operators are told, and when (section <c>Alerts</c>).</summary>
public sealed class AlertOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Alerts";

    /// <summary>False sends no daily digest (alerts still go).</summary>
    public bool DigestEnabled { get; set; } = true;

    /// <summary>Local time of day (area time zone) the daily digest goes to each area manager.</summary>
    public TimeSpan DigestAt { get; set; } = TimeSpan.FromHours(17);

    /// <summary>
    /// Staff ids of the operators (the service centre) told when a critical notice could not be delivered at all;
    /// empty: the area's supervisor is told instead.
    /// </summary>
    public List<string> Operators { get; set; } = [];
}

/// <summary>Names every bad <see cref="AlertOptions"/> value.</summary>
public sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.DigestAt < TimeSpan.Zero || options.DigestAt >= TimeSpan.FromDays(1)) errors.Add($"Alerts:DigestAt {options.DigestAt} must be a time of day (00:00:00 to 23:59:59).");
        if (options.Operators.Any(string.IsNullOrWhiteSpace)) errors.Add("Alerts:Operators holds an empty staff id.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
