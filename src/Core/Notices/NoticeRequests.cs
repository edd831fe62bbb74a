using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Domain;
using GridService.Core.Queues;
using GridService.Core.Storage;

namespace GridService.Core.Notices;

/// <summary>
/// Which post of a notice is asked for, or an operation on the notice itself: <see cref="Publish"/> stores a new
/// notice and plans its posts; <see cref="Amend"/>, <see cref="Cancel"/> and <see cref="Restore"/> change a stored
/// one (the console asks for them; the Notifier applies them as its API would and then posts the matching stage).
/// </summary>
public enum NoticeStage { Announce, DayBefore, Restored, Amended, Cancelled, Publish, Amend, Cancel, Restore }

/// <summary>A request to post one stage of a stored outage notice to its audience, or to publish a new one.</summary>
/// <param name="NoticeId">The stored notice (for <see cref="NoticeStage.Publish"/>: the new notice's id).</param>
/// <param name="Stage">Which post.</param>
/// <param name="RequestedBy">Staff id or job name, for the audit trail.</param>
/// <param name="Revision">Which amendment of the notice (0 = as first published); a later one is a new request.</param>
/// <param name="Draft">
/// For <see cref="NoticeStage.Publish"/>: the notice to publish. The Bot's 确认 publishes this way, so a manager's
/// notice takes the same path as the API's (stored details, audit, the 7-day schedule) without the Bot knowing how.
/// </param>
/// <param name="Change">For <see cref="NoticeStage.Amend"/>, <see cref="NoticeStage.Cancel"/> and <see cref="NoticeStage.Restore"/>: what to change.</param>
public sealed record NoticeRequest(
    string NoticeId, NoticeStage Stage, string RequestedBy, int Revision = 0, OutageNotice? Draft = null, NoticeChange? Change = null);

/// <summary>A change to a stored notice, asked for by someone who cannot call the Notifier (the Bot's console).</summary>
/// <param name="RequestId">Unique per change the person made (a form's one-time id): a resubmitted form is queued once.</param>
/// <param name="Start">Amend: the new start (UTC).</param>
/// <param name="End">Amend: the new end (UTC).</param>
/// <param name="Reason">Amend: the new reason, or null to keep it.</param>
/// <param name="ChangeReason">Amend and cancel: why, as told to everyone who got the notice.</param>
/// <param name="RestoredAt">Restore: when power came back, or null for now.</param>
public sealed record NoticeChange(
    string RequestId, DateTimeOffset? Start = null, DateTimeOffset? End = null, string? Reason = null, string? ChangeReason = null,
    DateTimeOffset? RestoredAt = null);

/// <summary>The queue between whoever decides a notice is due (a manager command, a schedule) and the Notifier.</summary>
public sealed class NoticeRequests(RedisStore store, TimeProvider time)
{
    /// <summary>Queue name.</summary>
    public const string QueueName = "notices";

    /// <summary>The underlying queue.</summary>
    public ReliableQueue Queue { get; } = new(store, QueueName, time);

    /// <summary>Queues a request once per (notice, stage, revision), or per change request for a <see cref="NoticeChange"/>.</summary>
    public async Task<bool> EnqueueAsync(NoticeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dedupe = request.Change is { } change ? $"{request.NoticeId}:{request.Stage}:{change.RequestId}"
            : request.Revision == 0 ? $"{request.NoticeId}:{request.Stage}"
            : $"{request.NoticeId}:{request.Stage}:{request.Revision}";
        var added = await Queue.EnqueueOnceAsync(dedupe, JsonSerializer.Serialize(request, NoticeJson.Default.NoticeRequest), TimeSpan.FromDays(30));
        if (added) NoticeMetrics.Requested(request.Stage);
        return added;
    }

    /// <summary>Reads a queued request.</summary>
    public static NoticeRequest Parse(string payload) =>
        JsonSerializer.Deserialize(payload, NoticeJson.Default.NoticeRequest) ?? throw new PermanentFailureException("Empty notice request.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(NoticeRequest))]
[JsonSerializable(typeof(NoticeChange))]
internal sealed partial class NoticeJson : JsonSerializerContext;
