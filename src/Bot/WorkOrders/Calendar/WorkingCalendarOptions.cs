namespace GridService.Bot.WorkOrders.Calendar;

/// <summary>
/// Which days count as working days for deadlines given in working days (complaints, consultations).
/// Weekends are off, public holidays are off, adjusted working days (调休) are on.
/// </summary>
public sealed class WorkingCalendarOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "WorkingCalendar";

    /// <summary>
    /// Include the State Council's published holidays and adjusted working days (<see cref="ChinaPublicHolidays"/>).
    /// Switch off to give the whole calendar in <see cref="Holidays"/> and <see cref="Workdays"/>.
    /// </summary>
    public bool IncludeChinaPublicHolidays { get; set; } = true;

    /// <summary>Extra days off, <c>yyyy-MM-dd</c> (local holidays, next year's schedule before an update ships).</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Extra working days on a weekend (调休), <c>yyyy-MM-dd</c>.</summary>
    public List<string> Workdays { get; set; } = [];
}
