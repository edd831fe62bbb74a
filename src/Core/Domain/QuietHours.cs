using System.Globalization;

namespace GridService.Core.Domain;

/// <summary>
/// A daily window in local time when non-critical messages wait (e.g. <c>21:00-08:00</c>, crossing midnight).
/// Equal start and end means no quiet hours. In Core because both hosts read it: the Notifier holds messages in it,
/// the Bot tells a manager publishing at night when the notice will go.
/// </summary>
public readonly record struct QuietHours(TimeOnly Start, TimeOnly End)
{
    /// <summary>The setting that holds the default window (<c>Audiences:QuietHours</c>).</summary>
    public const string Setting = "Audiences:QuietHours";

    /// <summary>The default window when the setting is absent.</summary>
    public const string DefaultText = "21:00-08:00";

    /// <summary>No quiet hours.</summary>
    public static QuietHours None => new(TimeOnly.MinValue, TimeOnly.MinValue);

    /// <summary>True when the window is empty.</summary>
    public bool IsNone => Start == End;

    /// <summary>Reads <c>HH:mm-HH:mm</c>, or <c>off</c> for none; false when the text is neither.</summary>
    public static bool TryParse(string? text, out QuietHours hours)
    {
        hours = None;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Trim();
        if (value.Equals("off", StringComparison.OrdinalIgnoreCase)) return true;
        var parts = value.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            return false;
        }

        hours = new QuietHours(start, end);
        return true;
    }

    /// <summary>
    /// When a message produced at <paramref name="now"/> may go out for a recipient in <paramref name="zone"/>:
    /// the end of the window (UTC) when <paramref name="now"/> falls inside it, else null (send now).
    /// </summary>
    public DateTimeOffset? DeferUntil(DateTimeOffset now, TimeZoneInfo zone)
    {
        if (IsNone) return null;
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        var crossesMidnight = Start > End;
        var inside = crossesMidnight ? time >= Start || time < End : time >= Start && time < End;
        if (!inside) return null;
        var endDate = DateOnly.FromDateTime(local);
        if (crossesMidnight && time >= Start) endDate = endDate.AddDays(1);
        return Zones.ToUtc(endDate.ToDateTime(End), zone);
    }

    /// <inheritdoc />
    public override string ToString() => IsNone ? "off" : $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
