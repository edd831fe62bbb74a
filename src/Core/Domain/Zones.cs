namespace GridService.Core.Domain;

/// <summary>
/// Area time zones and local wall-clock times, in one place: areas name an IANA zone, schedules, quiet hours,
/// deadlines and dates are read in it, and instants are stored in UTC.
/// </summary>
public static class Zones
{
    /// <summary>The zone areas use unless they name another.</summary>
    public const string Default = "Asia/Shanghai";

    /// <summary>Finds <paramref name="id"/>, else Asia/Shanghai, else a fixed UTC+8 where tzdata is missing.</summary>
    public static TimeZoneInfo Find(string? id)
    {
        foreach (var candidate in (ReadOnlySpan<string?>)[id, Default])
        {
            if (!string.IsNullOrWhiteSpace(candidate) && TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var zone)) return zone;
        }

        return TimeZoneInfo.CreateCustomTimeZone(Default, TimeSpan.FromHours(8), Default, Default);
    }

    /// <summary>True when <paramref name="id"/> names a zone this machine knows (or is the default, which always resolves).</summary>
    public static bool IsKnown(string? id) =>
        id == Default || (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _));

    /// <summary>The UTC instant of a local wall-clock time; a time skipped by a clock change moves to just after it.</summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The UTC instant of <paramref name="date"/> at <paramref name="time"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset At(DateOnly date, TimeSpan time, TimeZoneInfo zone) => ToUtc(date.ToDateTime(TimeOnly.MinValue).Add(time), zone);

    /// <summary><paramref name="instant"/> as local time in <paramref name="zone"/>.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary><paramref name="instant"/> as local time in the zone named <paramref name="zoneId"/>.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant, string? zoneId) => Local(instant, Find(zoneId));

    /// <summary>Now, as local time in the zone named <paramref name="zoneId"/>.</summary>
    public static DateTimeOffset LocalNow(TimeProvider time, string? zoneId)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Local(time.GetUtcNow(), zoneId);
    }

    /// <summary>The local calendar date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>Today's date in <paramref name="zone"/>.</summary>
    public static DateOnly Today(TimeProvider time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(time);
        return LocalDate(time.GetUtcNow(), zone);
    }
}
