using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Queues;
using GridService.Notifier.Delivery.WeCom;

namespace GridService.Notifier.Delivery.Status;

/// <summary>Delivery records with a count per state and the outbound queue's counts.</summary>
/// <param name="Notice">The notice asked for, if any.</param>
/// <param name="Counts">How many records are in each state.</param>
/// <param name="Queue">The outbound queue: ready, processing, delayed (retries and deferrals), dead.</param>
/// <param name="Deliveries">The records.</param>
public sealed record DeliveryListing(string? Notice, IReadOnlyDictionary<string, int> Counts, QueueCounts Queue, IReadOnlyList<DeliveryRecord> Deliveries);

/// <summary>What a re-drive did.</summary>
/// <param name="Redriven">Dead letters moved back to the queue.</param>
/// <param name="RobotsEnabled">Group robots enabled again (their groups).</param>
public sealed record RedriveResult(int Redriven, IReadOnlyList<string> RobotsEnabled);

/// <summary>What operators do with deliveries, whether through the store or a running host's API.</summary>
public interface IDeliveryAdmin
{
    /// <summary>The records of a notice, the dead letters, or the most recent records.</summary>
    Task<DeliveryListing> ListAsync(string? notice, bool dead, int max, CancellationToken cancellationToken);

    /// <summary>Enables disabled robots and moves every dead letter back to the queue.</summary>
    Task<RedriveResult> RedriveAsync(CancellationToken cancellationToken);

    /// <summary>The disabled group robots.</summary>
    Task<IReadOnlyList<DisabledRobot>> RobotsAsync(CancellationToken cancellationToken);
}

/// <summary>Delivery administration straight on the store.</summary>
public sealed class DeliveryAdmin(Outbox outbox, RobotStates robots, TimeProvider time) : IDeliveryAdmin
{
    /// <inheritdoc />
    public async Task<DeliveryListing> ListAsync(string? notice, bool dead, int max, CancellationToken cancellationToken)
    {
        IReadOnlyList<DeliveryRecord> records;
        if (dead)
        {
            records = (await DeadAsync(max)).Select(d => d.Record).ToList();
        }
        else if (notice is not null)
        {
            records = await outbox.Statuses.OfNoticeAsync(notice);
        }
        else
        {
            records = await outbox.Statuses.RecentAsync(max);
        }

        if (notice is not null) records = records.Where(r => r.NoticeId == notice).ToList();
        var counts = records.GroupBy(r => JsonNamingPolicy.CamelCase.ConvertName(r.State.ToString()))
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new DeliveryListing(notice, counts, await outbox.Queue.CountsAsync(), records.Take(max).ToList());
    }

    /// <inheritdoc />
    public async Task<RedriveResult> RedriveAsync(CancellationToken cancellationToken)
    {
        var enabled = await robots.EnableAllAsync();
        // Records first: the worker may deliver a re-driven message before a later write could land.
        foreach (var (_, message, _) in await DeadAsync(int.MaxValue))
        {
            if (message is not null)
            {
                await outbox.Statuses.SetAsync(DeliveryRecord.For(message, DeliveryState.Queued, time.GetUtcNow(), 0, "re-driven by an operator"));
            }
        }

        var moved = await outbox.Queue.RedriveAsync();
        return new RedriveResult(moved, enabled.Select(r => r.GroupId).ToList());
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DisabledRobot>> RobotsAsync(CancellationToken cancellationToken) => robots.ListAsync();

    // Dead letters with their records; an item whose record is gone (or unreadable) still shows, from the queue.
    private async Task<List<(DeliveryRecord Record, OutboundMessage? Message, QueueItem Item)>> DeadAsync(int max)
    {
        var result = new List<(DeliveryRecord, OutboundMessage?, QueueItem)>();
        foreach (var item in await outbox.Queue.DeadLettersAsync(Math.Min(max, 100_000)))
        {
            OutboundMessage? message;
            try
            {
                message = JsonSerializer.Deserialize(item.Payload, CoreJson.Default.OutboundMessage);
            }
            catch (JsonException)
            {
                message = null;
            }

            var record = message is null ? null : await outbox.Statuses.GetAsync(message.Id);
            record ??= message is null
                ? new DeliveryRecord(item.Id, "?", "?", "?", null, DeliveryState.Dead, item.Attempt, item.LastError, DateTimeOffset.FromUnixTimeMilliseconds(item.EnqueuedAt))
                : DeliveryRecord.For(message, DeliveryState.Dead, DateTimeOffset.FromUnixTimeMilliseconds(item.EnqueuedAt), item.Attempt, item.LastError);
            result.Add((record, message, item));
        }

        return result;
    }
}

/// <summary>Source-generated JSON of the delivery API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(DeliveryListing))]
[JsonSerializable(typeof(RedriveResult))]
[JsonSerializable(typeof(IReadOnlyList<DisabledRobot>))]
public sealed partial class DeliveryApiJson : JsonSerializerContext;
