using System.Globalization;
using System.Text.RegularExpressions;
using GridService.Bot.Knowledge.Live;
using GridService.Bot.Knowledge.Rules;

namespace GridService.Bot.Knowledge.Learning;

/// <summary>
/// Live checks of outage decisions against the area's notices (only when the pipeline passed them: a null list
/// means unknown, an empty one means none). A named day or place is answered from the notices covering it; an
/// outage reported at a place no active notice covers needs people (三组 is dark while the notice is for 四组);
/// an area-wide report while a notice covers the area is answered with the notice.
/// </summary>
internal sealed partial class LearnedDecider
{
    private const string Planned = "answer:outage.planned-query";
    private const string Current = "answer:outage.current-status";

    private static Assessment PolicyOnly(PreparedText prepared, Decision decision) =>
        new(prepared, prepared.Text, decision, [], -1, false, null);

    private Decision LiveCheck(Decision d, Assessment a, AnswerContext context)
    {
        if (context.Outages is not { } outages || d.Label is not (Planned or Current or Decision.Repair))
        {
            return d;
        }

        var now = time.GetUtcNow();
        var zone = Zone(context);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var date = DateMention.Find(a.Basis, today);
        var place = PlaceMention.Find(a.Basis);
        bool report = d.Label == Decision.Repair && IsOutageReport(a.Basis);

        if (d.Label == Planned || (d.Label == Current && date is { } day && day != today))
        {
            if (date is null && place is null)
            {
                return d;
            }

            var named = outages.Where(o => !o.Cancelled && o.RestoredAt is null && o.End > now
                && (date is null || Overlaps(o, date.Value, zone)) && (place is null || PlaceMention.Covers(o.Scope, place))).ToList();
            string asked = (date is { } dd ? dd.ToString("M月d日", CultureInfo.InvariantCulture) : string.Empty) + place;
            return answers.Answer("outage.planned-query", d.Confidence, context with { Outages = named, AskedFor = asked }, d.Reason + "+live") with
            {
                Because = $"live: {named.Count} notice(s) cover {asked}",
            };
        }

        if (d.Label == Decision.Repair && !report)
        {
            return d; // voltage, a home whose own checks failed: people are needed whatever the notices say
        }

        var active = outages.Where(o => o.IsActiveAt(now)).ToList();
        if (place is not null)
        {
            var covering = active.Where(o => PlaceMention.Covers(o.Scope, place)).ToList();
            if (covering.Count > 0)
            {
                return answers.Answer("outage.current-status", d.Confidence, context with { Outages = covering, AskedFor = place.ToString() }, d.Reason + "+live") with
                {
                    Because = $"live: the active notice for '{covering[0].Scope}' covers {place}",
                };
            }

            return new Decision(Decision.Repair, null, d.Confidence, DecisionEngine.RepairReply)
            {
                Reason = "outage:area-wide-report",
                Because = active.Count == 0
                    ? $"live: no active notice, so the outage reported at {place} is unknown to us"
                    : $"live: no active notice covers {place} (active: {string.Join("; ", active.Select(o => o.Scope))})",
            };
        }

        if (report && active.Count > 0)
        {
            return answers.Answer("outage.current-status", d.Confidence, context, "outage:covered-by-notice") with
            {
                Because = "live: an active notice covers the area, so the report is answered with it",
            };
        }

        return d;
    }

    // An outage reported for a place, not low voltage or one home whose own checks failed.
    private static bool IsOutageReport(string t) =>
        OutageWord().IsMatch(t) && OutageRule.Classify(t) is not (OutageKindOfMessage.OwnChecksFailed or OutageKindOfMessage.OnlyMyHome or OutageKindOfMessage.PaidStillOff);

    [GeneratedRegex("停电|没电|断电|没有电|黑了|全黑|不来电|没来电|停了")]
    private static partial Regex OutageWord();

    private static bool Overlaps(OutageNotice o, DateOnly day, TimeZoneInfo zone)
    {
        var start = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.Start, zone).DateTime);
        var end = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.End, zone).DateTime);
        return start <= day && day <= end;
    }

    private TimeZoneInfo Zone(AnswerContext context) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(context.TimeZone ?? kb.Options.DefaultTimeZone, out var zone)
            ? zone
            : TimeZoneInfo.FindSystemTimeZoneById(kb.Options.DefaultTimeZone);
}
