using System.Globalization;

namespace GridService.Bot.WorkOrders;

/// <summary>
/// Order numbers people can say aloud: <c>GD</c>, the day in the area's time zone, and the day's counter with at
/// least four digits (<c>GD20261123-0042</c>). The opening script formats them the same way.
/// </summary>
public static class WorkOrderIds
{
    /// <summary>The number of the <paramref name="number"/>-th order of <paramref name="day"/> (yyyyMMdd).</summary>
    public static string Format(string day, int number) => $"GD{day}-{Number(number)}";

    /// <summary>The counter part: four digits at least.</summary>
    public static string Number(int number) => number.ToString("D4", CultureInfo.InvariantCulture);
}
