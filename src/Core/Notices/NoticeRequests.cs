using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Domain;
using GridService.Core.Queues;
using GridService.Core.Storage;

namespace GridService.Core.Notices;

/// <summary>Which post of a notice is asked for, or <see cref="Publish"/>: store a new notice and plan its posts.</summary>
public enum NoticeStage { Announce, DayBefore, Restored, Amended, Cancelled, Publish }

/// <summary>A request to post one stage of a stored outage notice to its audience, or to publish a new one.</summary>
/// <param name="NoticeId">The stored notice (for <see cref="NoticeStage.Publish"/>: the new notice's id).</param>
/// <param name="Stage">Which post.</param>
/// <param name="RequestedBy">Staff id or job name, for the audit trail.</param>
/// <param name="Revision">Which amendment of the notice (0 = as first published); a later one is a new request.</param>
/// <param name="Draft">
/// For <see cref="NoticeStage.Publish"/>: the notice to publish. The Bot's 确认 publishes this way, so a manager's
/// notice takes the same path as the API's (stored details, audit, the 7-day schedule) without the Bot knowing how.
/// </param>
public sealed record NoticeRequest(string NoticeId, NoticeStage Stage, string RequestedBy, int Revision = 0, OutageNotice? Draft = null);

/// <summary>The queue between whoever decides a notice is due (a manager command, a schedule) and the Notifier.</summary>
public sealed class NoticeRequests(RedisStore store, TimeProvider time)
{
    /// <summary>Queue name.</summary>
    public const string QueueName = "notices";

    /// <summary>The underlying queue.</summary>
    public ReliableQueue Queue { get; } = new(store, QueueName, time);

    /// <summary>Queues a request once per (notice, stage, revision).</summary>
    public Task<bool> EnqueueAsync(NoticeRequest request) =>
        Queue.EnqueueOnceAsync(
            request.Revision == 0 ? $"{request.NoticeId}:{request.Stage}" : $"{request.NoticeId}:{request.Stage}:{request.Revision}",
            JsonSerializer.Serialize(request, NoticeJson.Default.NoticeRequest), TimeSpan.FromDays(30));

    /// <summary>Reads a queued request.</summary>
    public static NoticeRequest Parse(string payload) =>
        JsonSerializer.Deserialize(payload, NoticeJson.Default.NoticeRequest) ?? throw new PermanentFailureException("Empty notice request.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(NoticeRequest))]
internal sealed partial class NoticeJson : JsonSerializerContext;
