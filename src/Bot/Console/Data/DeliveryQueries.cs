using System.Text.Json;
using GridService.Bot.StaffConsole.Auth;
using GridService.Core.Queues;

namespace GridService.Bot.StaffConsole.Data;

/// <summary>Delivery status for the console, and re-driving dead letters (as the Notifier's delivery API does).</summary>
public sealed class DeliveryQueries(Outbox outbox, TimeProvider time)
{
    /// <summary>How many recent records the failure list looks at.</summary>
    public const int RecentScan = 1_000;

    /// <summary>Every record of a notice, by target.</summary>
    public Task<IReadOnlyList<DeliveryRecord>> OfNoticeAsync(string noticeId) => outbox.Statuses.OfNoticeAsync(noticeId);

    /// <summary>The outbound queue's counts.</summary>
    public Task<QueueCounts> QueueAsync() => outbox.Queue.CountsAsync();

    /// <summary>Recent records that failed or still wait (dead, retrying, deferred, queued), for groups in scope (private ones for the centre).</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> PendingOrFailedAsync(ConsoleScope scope, int max = 200, int scan = RecentScan)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var recent = await outbox.Statuses.RecentAsync(scan);
        return [.. recent.Where(r => r.State is DeliveryState.Dead or DeliveryState.Retrying or DeliveryState.Deferred or DeliveryState.Queued)
            .Where(r => Sees(scope, r)).Take(max)];
    }

    /// <summary>True when the record's target is a group in scope, or a private message and the user is the centre.</summary>
    public static bool Sees(ConsoleScope scope, DeliveryRecord record)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(record);
        return record.Target.StartsWith(Conversations.PrivatePrefix, StringComparison.Ordinal) ? scope.IsCentre : scope.SeesGroup(record.Target) || scope.IsCentre;
    }

    /// <summary>Moves every dead letter back to the queue, recording each as queued again; returns how many.</summary>
    public async Task<int> RedriveAsync(string staffId)
    {
        // Records first: the worker may deliver a re-driven message before a later write could land.
        foreach (var item in await outbox.Queue.DeadLettersAsync(100_000))
        {
            OutboundMessage? message;
            try
            {
                message = JsonSerializer.Deserialize(item.Payload, CoreJson.Default.OutboundMessage);
            }
            catch (JsonException)
            {
                continue;
            }

            if (message is not null)
            {
                await outbox.Statuses.SetAsync(DeliveryRecord.For(message, DeliveryState.Queued, time.GetUtcNow(), 0, $"re-driven by {staffId} in the console"));
            }
        }

        return await outbox.Queue.RedriveAsync();
    }
}
