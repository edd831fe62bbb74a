using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary>Names every bad <see cref="BillingOptions"/> value.</summary>
public sealed class BillingOptionsValidator : IValidateOptions<BillingOptions>
{
    private static readonly string[] ReminderTemplates = ["reminder-1", "reminder-2", "reminder-3"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BillingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var (stage, days) in options.Stages)
        {
            if (!ReminderTemplates.Contains(stage)) errors.Add($"Billing:Stages:{stage} is not a reminder template ({string.Join(", ", ReminderTemplates)}).");
            if (days > 60) errors.Add($"Billing:Stages:{stage} {days} days after settlement is too late; use 0-60, or a negative number to turn it off.");
        }

        if (options.SendAt < TimeSpan.Zero || options.SendAt >= TimeSpan.FromDays(1)) errors.Add($"Billing:SendAt {options.SendAt} must be a time of day.");
        if (!Zones.IsKnown(options.TimeZone))
        {
            errors.Add($"Billing:TimeZone '{options.TimeZone}' is not a known time zone such as Asia/Shanghai.");
        }

        if (options.LateFeeDailyRate is < 0 or > 0.01m) errors.Add($"Billing:LateFeeDailyRate {options.LateFeeDailyRate} must be 0 to 0.01 (0.001 is 1‰ a day).");
        if (options.Disconnection.OverdueAfter < TimeSpan.FromDays(1)) errors.Add($"Billing:Disconnection:OverdueAfter {options.Disconnection.OverdueAfter} must be at least a day.");
        if (options.Disconnection.NoticePeriod < TimeSpan.FromHours(1)) errors.Add($"Billing:Disconnection:NoticePeriod {options.Disconnection.NoticePeriod} must be at least an hour.");
        foreach (var (key, terms) in new[] { ("GentleFor", options.GentleFor), ("HoldFor", options.HoldFor) })
        {
            try
            {
                CustomerRule.Parse(terms);
            }
            catch (FormatException ex)
            {
                errors.Add($"Billing:{key}: {ex.Message}");
            }
        }

        var ratings = Enum.GetNames<CreditRating>();
        foreach (var rating in options.Credit.Keys.Where(k => !ratings.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"Billing:Credit:{rating} is not a credit rating ({string.Join(", ", ratings)}).");
        }

        foreach (var (area, credit) in options.AreaCredit)
        {
            foreach (var rating in credit.Keys.Where(k => !ratings.Contains(k, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add($"Billing:AreaCredit:{area}:{rating} is not a credit rating ({string.Join(", ", ratings)}).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
