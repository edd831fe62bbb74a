using GridService.Core.Grid;

namespace GridService.Notifier.Billing;

/// <summary>An area with its manager, loaded once per run rather than per message.</summary>
/// <param name="Area">The area.</param>
/// <param name="Manager">Its manager, who also stands in as the meter reader at reminder stage 3.</param>
/// <param name="Zone">The area's time zone.</param>
public sealed record AreaStaff(Area Area, Staff Manager, TimeZoneInfo Zone)
{
    /// <summary>Every area whose manager is known, by id.</summary>
    public static async Task<IReadOnlyDictionary<string, AreaStaff>> LoadAsync(GridDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var areas = new Dictionary<string, AreaStaff>(StringComparer.Ordinal);
        foreach (var area in await directory.ListAreasAsync())
        {
            if (await directory.GetStaffAsync(area.ManagerId) is { } manager) areas[area.Id] = new AreaStaff(area, manager, Zones.Find(area.TimeZone));
        }

        return areas;
    }
}
