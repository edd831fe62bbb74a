namespace GridService.Bot.Pipeline;

/// <summary>Area time zones, with Asia/Shanghai when a zone is unknown to this machine.</summary>
public static class TimeZones
{
    /// <summary>The default zone of areas.</summary>
    public const string Default = "Asia/Shanghai";

    /// <summary>Finds <paramref name="id"/>, falling back to a fixed UTC+8 where tzdata is missing.</summary>
    public static TimeZoneInfo Find(string? id)
    {
        foreach (var candidate in (ReadOnlySpan<string?>)[id, Default])
        {
            if (!string.IsNullOrWhiteSpace(candidate) && TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var zone)) return zone;
        }

        return TimeZoneInfo.CreateCustomTimeZone(Default, TimeSpan.FromHours(8), Default, Default);
    }
}
