using System.Text.Json;
using GridService.Core.Queues;
using GridService.Core.Storage;

namespace GridService.Core.Chat;

/// <summary>The outbound queue both hosts write to and the Notifier delivers from.</summary>
public sealed class Outbox(RedisStore store, TimeProvider time)
{
    /// <summary>Queue name.</summary>
    public const string QueueName = "outbound";

    /// <summary>The underlying queue.</summary>
    public ReliableQueue Queue { get; } = new(store, QueueName, time);

    /// <summary>Delivery status records of outbound messages.</summary>
    public DeliveryStatuses Statuses { get; } = new(store, time);

    /// <summary>How long a message id is remembered: a repeat within it is dropped.</summary>
    public static readonly TimeSpan DedupeWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// Queues a message for delivery, once per message id, held until <see cref="OutboundMessage.NotBefore"/>, and
    /// records it as queued.
    /// </summary>
    public async Task<bool> EnqueueAsync(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var added = await Queue.EnqueueOnceAsync(
            message.Id, JsonSerializer.Serialize(message, CoreJson.Compact.OutboundMessage), DedupeWindow, message.NotBefore);
        if (added)
        {
            Statuses.Queued(message);
            ChatMetrics.MessagesOut(message.Channel);
            ChatMetrics.Delivery(DeliveryState.Queued, message.Channel);
        }

        return added;
    }

    /// <summary>Queues many messages in one pipelined round, each once per id. Returns how many were new.</summary>
    public async Task<int> EnqueueManyAsync(IReadOnlyList<OutboundMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var added = await Queue.EnqueueOnceManyAsync(
            [.. messages.Select(m => (m.Id, JsonSerializer.Serialize(m, CoreJson.Compact.OutboundMessage), m.NotBefore))], DedupeWindow);

        // Only a missing record is written, so a repeat never hides a message's later status.
        foreach (var message in messages) Statuses.Queued(message);
        if (added > 0 && messages.Count > 0)
        {
            // Per channel, approximately: repeats are not told apart here, only their number.
            foreach (var channel in messages.GroupBy(m => m.Channel, StringComparer.Ordinal))
            {
                var share = (int)Math.Round((double)added * channel.Count() / messages.Count);
                ChatMetrics.MessagesOut(channel.Key, share);
                ChatMetrics.Delivery(DeliveryState.Queued, channel.Key, share);
            }
        }

        return added;
    }
}
