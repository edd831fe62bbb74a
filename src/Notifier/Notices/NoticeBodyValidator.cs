using System.Globalization;
using System.Text.RegularExpressions;
using GridService.Core.Grid;

namespace GridService.Notifier.Notices;

/// <summary>Checks an API notice body against the directory: every problem is named per field, nothing is stored.</summary>
public sealed partial class NoticeBodyValidator(GridDirectory directory, TimeProvider time)
{
    private const int MaxText = 500;
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"];

    /// <summary>The checked input, or the errors by field (camelCase, as in the body).</summary>
    public async Task<(NoticeInput? Input, Dictionary<string, string[]> Errors)> ValidateAsync(NoticeBody? body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body is null) return (null, Add(errors, "body", "Expected a JSON object with kind, areas, start, end and reason."));
        var kind = NoticeStages.KindFromName(body.Kind);
        if (kind is null) Add(errors, "kind", "Must be planned-outage, temporary-maintenance or fault-outage.");
        if (body.Id is { } id && !SafeId().IsMatch(id)) Add(errors, "id", "May hold only letters, digits and . _ @ - (at most 64).");

        var areas = new List<Area>();
        if (body.Areas is not { Count: > 0 }) Add(errors, "areas", "Name at least one area id, e.g. [\"A01\"].");
        foreach (var areaId in (body.Areas ?? []).Distinct(StringComparer.Ordinal))
        {
            if (await directory.GetAreaAsync(areaId ?? "") is { } area) areas.Add(area);
            else Add(errors, "areas", $"Unknown area '{areaId}'.");
        }

        var zone = Zones.Find(areas.FirstOrDefault()?.TimeZone);
        var start = ParseTime(body.Start, zone, "start", errors);
        var end = ParseTime(body.End, zone, "end", errors);
        if (start is { } s && end is { } e && e <= s) Add(errors, "end", "Must be after start.");
        if (kind == OutageKind.Planned && start is { } planned && planned <= time.GetUtcNow()) Add(errors, "start", "A planned outage must start in the future.");
        var reason = Text(body.Reason, "reason", errors, required: true);
        var scope = Text(body.Scope, "scope", errors, required: false);

        var lines = Names(body.Lines);
        var transformers = Names(body.Transformers);
        if (areas.Count > 0 && (lines.Count > 0 || transformers.Count > 0)) await CheckTargetsAsync(areas, lines, transformers, errors);

        if (errors.Count > 0) return (null, errors);
        scope ??= lines.Count + transformers.Count > 0 ? string.Join("、", lines.Concat(transformers)) : string.Join("、", areas.Select(a => a.Name)) + "全域";
        return (new NoticeInput(body.Id, kind!.Value, areas, start!.Value, end!.Value, reason!, scope, lines, transformers), errors);
    }

    /// <summary>Reads a time: ISO 8601 with an offset, or local <c>yyyy-MM-dd HH:mm</c> in <paramref name="zone"/>; null (and an error) when it is neither.</summary>
    public static DateTimeOffset? ParseTime(string? text, TimeZoneInfo zone, string field, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            Add(errors, field, "Is required, e.g. 2026-12-03T08:00:00+08:00 or 2026-12-03 08:00 (area local time).");
            return null;
        }

        if (DateTime.TryParseExact(text.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return Zones.ToUtc(local, zone);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasOffset(text))
        {
            return withOffset.ToUniversalTime();
        }

        Add(errors, field, $"'{text}' is not a time like 2026-12-03T08:00:00+08:00 or 2026-12-03 08:00.");
        return null;
    }

    /// <summary>Trimmed text within the length limit; null (with an error when required) when blank.</summary>
    public static string? Text(string? text, string field, Dictionary<string, string[]> errors, bool required)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required) Add(errors, field, "Is required.");
            return null;
        }

        if (value.Length > MaxText) Add(errors, field, $"Is longer than {MaxText} characters.");
        return value;
    }

    /// <summary>Adds a message for a field.</summary>
    public static Dictionary<string, string[]> Add(Dictionary<string, string[]> errors, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return errors;
    }

    // A line or transformer nobody in the areas is on would tell nobody: almost certainly a typo.
    private async Task CheckTargetsAsync(List<Area> areas, List<string> lines, List<string> transformers, Dictionary<string, string[]> errors)
    {
        var knownLines = new HashSet<string>(StringComparer.Ordinal);
        var knownTransformers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var area in areas)
        {
            foreach (var customer in await directory.CustomersOfAreaAsync(area.Id))
            {
                knownLines.Add(customer.Line);
                knownTransformers.Add(customer.Transformer);
            }
        }

        foreach (var line in lines.Where(l => !knownLines.Contains(l))) Add(errors, "lines", $"No customer of {string.Join(",", areas.Select(a => a.Id))} is on line '{line}'.");
        foreach (var t in transformers.Where(t => !knownTransformers.Contains(t))) Add(errors, "transformers", $"No customer of {string.Join(",", areas.Select(a => a.Id))} is on transformer '{t}'.");
    }

    private static List<string> Names(IReadOnlyList<string>? names) =>
        [.. (names ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal)];

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || OffsetSuffix().IsMatch(text);

    [GeneratedRegex(@"[+-]\d{2}:?\d{2}$")]
    private static partial Regex OffsetSuffix();

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex SafeId();
}
