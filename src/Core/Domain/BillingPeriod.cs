using System.Globalization;

namespace GridService.Core.Domain;

/// <summary>Billing periods are calendar months (yyyy-MM), settled at the start of the next month.</summary>
public static class BillingPeriod
{
    /// <summary>The latest settled period at <paramref name="now"/> in <paramref name="zone"/>: last month.</summary>
    public static string Current(DateTimeOffset now, TimeZoneInfo zone) =>
        Zones.Local(now, zone).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
