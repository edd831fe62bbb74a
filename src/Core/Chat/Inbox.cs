using System.Text.Json;
using GridService.Core.Queues;
using GridService.Core.Storage;

namespace GridService.Core.Chat;

/// <summary>The inbound queue channel endpoints write to and the Bot's pipeline consumes.</summary>
public sealed class Inbox(RedisStore store, TimeProvider time)
{
    /// <summary>Queue name.</summary>
    public const string QueueName = "inbound";

    /// <summary>How long a message id is remembered for de-duplication of platform retries.</summary>
    public static readonly TimeSpan DedupeWindow = TimeSpan.FromDays(1);

    /// <summary>The underlying queue.</summary>
    public ReliableQueue Queue { get; } = new(store, QueueName, time);

    /// <summary>Queues a message unless its id was seen; false for a duplicate.</summary>
    public async Task<bool> EnqueueAsync(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var added = await Queue.EnqueueOnceAsync(
            $"{message.Channel}:{message.MessageId}", JsonSerializer.Serialize(message, CoreJson.Default.InboundMessage), DedupeWindow);
        if (added) ChatMetrics.MessageIn(message.Channel);
        return added;
    }
}
