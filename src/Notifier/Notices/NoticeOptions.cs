using Microsoft.Extensions.Options;

namespace GridService.Notifier.Notices;

/// <summary>When planned-outage posts go out (section <c>Notices</c>).</summary>
public sealed class NoticeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Notices";

    /// <summary>The announcement goes this many days before the outage's date (service commitment: 7).</summary>
    public int AnnounceDaysBefore { get; set; } = 7;

    /// <summary>The reminder goes this many days before (1: the day before); 0 turns it off.</summary>
    public int ReminderDaysBefore { get; set; } = 1;

    /// <summary>Local time of day (area time zone) the scheduled posts go out.</summary>
    public TimeSpan PostAt { get; set; } = TimeSpan.FromHours(9);
}

/// <summary>Names every bad <see cref="NoticeOptions"/> value.</summary>
public sealed class NoticeOptionsValidator : IValidateOptions<NoticeOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NoticeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.AnnounceDaysBefore is < 1 or > 60) errors.Add($"Notices:AnnounceDaysBefore {options.AnnounceDaysBefore} must be 1 to 60.");
        if (options.ReminderDaysBefore < 0 || options.ReminderDaysBefore >= options.AnnounceDaysBefore)
        {
            errors.Add($"Notices:ReminderDaysBefore {options.ReminderDaysBefore} must be 0 (off) or less than AnnounceDaysBefore {options.AnnounceDaysBefore}.");
        }

        if (options.PostAt < TimeSpan.Zero || options.PostAt >= TimeSpan.FromDays(1)) errors.Add($"Notices:PostAt {options.PostAt} must be a time of day (00:00:00 to 23:59:59).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
