using System.Text.Json;
using GridService.Core.Chat;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery;

/// <summary>Consumes the outbound queue and hands each message to the sender of its channel.</summary>
public sealed partial class DeliveryWorker(
    Outbox outbox,
    IEnumerable<ISender> senders,
    IOptionsMonitor<QueueWorkerOptions> options,
    TimeProvider time,
    ILogger<DeliveryWorker> logger,
    IHostApplicationLifetime lifetime)
    : QueueWorker(outbox.Queue, options.Get(Outbox.QueueName), time, logger, lifetime)
{
    private readonly Dictionary<string, ISender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override async Task HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize(item.Payload, CoreJson.Default.OutboundMessage)
            ?? throw new PermanentFailureException("Outbound item is empty.");
        if (!_senders.TryGetValue(message.Channel, out var sender))
        {
            throw new PermanentFailureException($"No sender for channel '{message.Channel}'.");
        }

        await sender.SendAsync(message, cancellationToken);
        Log.Delivered(Logger, message.Id, message.Channel, message.Kind);
    }

    private static partial class Log
    {
        [LoggerMessage(200, LogLevel.Information, "Delivered {MessageId} via {Channel} ({Kind})")]
        public static partial void Delivered(ILogger logger, string messageId, string channel, string kind);
    }
}
