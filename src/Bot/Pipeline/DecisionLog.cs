using System.Globalization;
using GridService.Bot.Knowledge;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Bot.Pipeline;

/// <summary>The decision behind one reply, as the console shows it beside the reply.</summary>
/// <param name="Label">The label decided.</param>
/// <param name="Confidence">Its confidence.</param>
/// <param name="Reason">Which rule or retrieval step decided.</param>
public sealed record DecisionNote(string Label, double Confidence, string? Reason);

/// <summary>A day's decisions in one area: how many were answered, escalated, left alone, and how many were misses.</summary>
public sealed record DecisionDay(DateOnly Day, long Answered, long Escalated, long None, long Misses)
{
    /// <summary>All decisions.</summary>
    public long Total => Answered + Escalated + None;

    /// <summary>Answered out of the power questions (answered + escalated), or null when there were none.</summary>
    public double? AnswerRate => Answered + Escalated == 0 ? null : (double)Answered / (Answered + Escalated);
}

/// <summary>
/// What the bot decided, kept for operators: per group, the decision behind each reply (keyed by the message it
/// answers, for <see cref="Retention"/>), and per day and area the count of each decision family, for the console's
/// answer rate. Also counts the decision in <see cref="PipelineMetrics"/>.
/// </summary>
public sealed class DecisionLog(RedisStore store, TimeProvider time)
{
    /// <summary>How long decisions and daily counts are kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private IDatabase Db => store.Db;

    private string NotesKey(string groupId) => $"{store.Keys.Prefix}:decisions:{groupId}";

    private string DayKey(DateOnly day) => $"{store.Keys.Prefix}:decision-days:{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>Records the decision on <paramref name="message"/> in <paramref name="area"/>.</summary>
    public async Task RecordAsync(InboundMessage message, Area area, Decision decision, bool missed)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(decision);
        PipelineMetrics.Decided(decision);
        var day = DateOnly.FromDateTime(Zones.Local(time.GetUtcNow(), area.TimeZone).DateTime);
        var note = string.Create(CultureInfo.InvariantCulture, $"{decision.Label}|{decision.Confidence:0.###}|{decision.Reason}");
        var notes = NotesKey(message.IsPrivate ? Conversations.Private(message.SenderId) : message.GroupId);
        var dayKey = DayKey(day);
        var writes = new List<Task>
        {
            Db.HashSetAsync(notes, message.MessageId, note),
            Db.KeyExpireAsync(notes, Retention),
            Db.HashIncrementAsync(dayKey, $"{area.Id}:{Decision.Family(decision.Label)}"),
            Db.KeyExpireAsync(dayKey, Retention),
        };
        if (missed) writes.Add(Db.HashIncrementAsync(dayKey, $"{area.Id}:miss"));
        await Task.WhenAll(writes);
    }

    /// <summary>The decisions behind replies to <paramref name="messageIds"/> in a conversation (null where none is kept).</summary>
    public async Task<DecisionNote?[]> NotesAsync(string conversation, IReadOnlyList<string> messageIds)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        if (messageIds.Count == 0) return [];
        var values = await Db.HashGetAsync(NotesKey(conversation), [.. messageIds.Select(m => (RedisValue)m)]);
        return [.. values.Select(Parse)];
    }

    /// <summary>Each of the last <paramref name="days"/> days up to <paramref name="today"/>, summed over <paramref name="areaIds"/>.</summary>
    public async Task<IReadOnlyList<DecisionDay>> DaysAsync(DateOnly today, int days, IReadOnlyCollection<string> areaIds)
    {
        ArgumentNullException.ThrowIfNull(areaIds);
        var dates = Enumerable.Range(0, days).Select(i => today.AddDays(i - days + 1)).ToList();
        var all = await Task.WhenAll(dates.Select(d => Db.HashGetAllAsync(DayKey(d))));
        var result = new List<DecisionDay>(days);
        for (var i = 0; i < dates.Count; i++)
        {
            long answered = 0, escalated = 0, none = 0, misses = 0;
            foreach (var entry in all[i])
            {
                var field = (string)entry.Name!;
                var colon = field.LastIndexOf(':');
                if (colon <= 0 || !areaIds.Contains(field[..colon])) continue;
                var count = (long)entry.Value;
                switch (field[(colon + 1)..])
                {
                    case "answer": answered += count; break;
                    case "escalate": escalated += count; break;
                    case "none": none += count; break;
                    case "miss": misses += count; break;
                }
            }

            result.Add(new DecisionDay(dates[i], answered, escalated, none, misses));
        }

        return result;
    }

    private static DecisionNote? Parse(RedisValue value)
    {
        if (value.IsNull) return null;
        var parts = ((string)value!).Split('|', 3);
        return new DecisionNote(parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture), parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null);
    }
}
