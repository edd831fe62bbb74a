using System.Globalization;
using Microsoft.Extensions.Options;

namespace GridService.Bot.WorkOrders.Calendar;

/// <summary>Every configured day must be a <c>yyyy-MM-dd</c> date; each bad one is named.</summary>
public sealed class WorkingCalendarOptionsValidator : IValidateOptions<WorkingCalendarOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkingCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Check(options.Holidays, "Holidays", errors);
        Check(options.Workdays, "Workdays", errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> days, string key, List<string> errors)
    {
        for (var i = 0; i < days.Count; i++)
        {
            if (!DateOnly.TryParseExact(days[i]?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add($"{WorkingCalendarOptions.Section}:{key}:{i} '{days[i]}' is not a yyyy-MM-dd date.");
            }
        }
    }
}
