namespace GridService.Notifier.Audiences;

/// <summary>Area time zones and local wall-clock times turned into UTC instants.</summary>
public static class ZoneTime
{
    /// <summary>The zone areas use unless they name another.</summary>
    public const string DefaultZone = "Asia/Shanghai";

    /// <summary>Finds <paramref name="id"/>, else Asia/Shanghai, else a fixed UTC+8 where tzdata is missing.</summary>
    public static TimeZoneInfo Find(string? id)
    {
        foreach (var candidate in (ReadOnlySpan<string?>)[id, DefaultZone])
        {
            if (!string.IsNullOrWhiteSpace(candidate) && TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var zone)) return zone;
        }

        return TimeZoneInfo.CreateCustomTimeZone(DefaultZone, TimeSpan.FromHours(8), DefaultZone, DefaultZone);
    }

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

    /// <summary>The local calendar date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
