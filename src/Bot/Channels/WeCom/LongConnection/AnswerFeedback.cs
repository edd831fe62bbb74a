using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Bot.Misses;
using GridService.Core.Storage;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>A 👍 or 👎 on one of the bot's replies.</summary>
/// <param name="At">When.</param>
/// <param name="Bot">The bot.</param>
/// <param name="ReplyId">The reply it was about (an outbound message id), when known.</param>
/// <param name="ChatId">The chat the reply went to, when known.</param>
/// <param name="UserId">Who rated.</param>
/// <param name="Rating"><c>accurate</c>, <c>inaccurate</c> or <c>withdrawn</c>.</param>
/// <param name="Comment">What they wrote (masked).</param>
/// <param name="Reasons">WeCom's reason codes for an inaccurate answer.</param>
public sealed record ReplyRating(
    DateTimeOffset At, string Bot, string? ReplyId, string? ChatId, string UserId, string Rating, string? Comment, IReadOnlyList<int> Reasons);

/// <summary>
/// Ratings of the bot's answers: each streamed reply carries a feedback id (<c>trace_…</c>, so WeCom shows 👍/👎), the
/// id is remembered with the reply for a week, and a <c>feedback_event</c> is recorded against it (newest first,
/// bounded). A 👎 also puts the question and the answer's decision into the miss log (<see cref="MissLog"/>), where
/// <c>kb misses</c>, the console's knowledge review and the manager's digest show it.
/// </summary>
public sealed class AnswerFeedback(RedisStore store, MissLog misses)
{
    /// <summary>How many ratings are kept.</summary>
    public const int Kept = 10_000;

    private static readonly TimeSpan TraceKept = TimeSpan.FromDays(7);

    private string TraceKey(string traceId) => $"{store.Keys.Prefix}:aibot-trace:{traceId}";

    private string RatingsKey => $"{store.Keys.Prefix}:aibot-ratings";

    /// <summary>The feedback id of a reply: <c>trace_</c> and a hash of its id (WeCom shows the buttons only for <c>trace_</c> ids).</summary>
    public static string TraceIdOf(string replyId) =>
        "trace_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(replyId)))[..32];

    /// <summary>Remembers which reply a feedback id belongs to.</summary>
    public Task RememberAsync(string traceId, string replyId, string chatId) =>
        store.Db.StringSetAsync(TraceKey(traceId), replyId + "\n" + chatId, TraceKept);

    /// <summary>Records one rating; returns it.</summary>
    public async Task<ReplyRating> RecordAsync(string bot, string userId, string? traceId, int type, string? comment, IReadOnlyList<int> reasons, DateTimeOffset at)
    {
        string? replyId = null, chatId = null;
        if (traceId is { Length: > 0 } && await store.Db.StringGetAsync(TraceKey(traceId)) is { IsNull: false } value)
        {
            var parts = ((string)value!).Split('\n', 2);
            (replyId, chatId) = (parts[0], parts.Length > 1 ? parts[1] : null);
        }

        var rating = new ReplyRating(at, bot, replyId, chatId, userId, type switch { 1 => "accurate", 2 => "inaccurate", 3 => "withdrawn", _ => "unknown" },
            comment is null ? null : Masking.MaskText(comment), reasons);
        await store.Db.ListLeftPushAsync(RatingsKey, JsonSerializer.Serialize(rating, FeedbackJson.Default.ReplyRating));
        await store.Db.ListTrimAsync(RatingsKey, 0, Kept - 1);
        if (rating.Rating == Miss.Inaccurate && replyId is not null) await misses.AddRatedInaccurateAsync(replyId, at);
        return rating;
    }

    /// <summary>The newest ratings.</summary>
    public async Task<IReadOnlyList<ReplyRating>> RecentAsync(int max = 100) =>
        (await store.Db.ListRangeAsync(RatingsKey, 0, max - 1)).Select(v => JsonSerializer.Deserialize((string)v!, FeedbackJson.Default.ReplyRating)!).ToList();
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ReplyRating))]
internal sealed partial class FeedbackJson : JsonSerializerContext;
