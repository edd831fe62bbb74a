using System.Text.Json;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Pipeline;

/// <summary>Consumes the inbound queue into the <see cref="MessagePipeline"/>.</summary>
public sealed class InboundWorker(
    Inbox inbox,
    MessagePipeline pipeline,
    IOptionsMonitor<QueueWorkerOptions> options,
    TimeProvider time,
    ILogger<InboundWorker> logger,
    IHostApplicationLifetime lifetime)
    : QueueWorker(inbox.Queue, options.Get(Inbox.QueueName), time, logger, lifetime)
{
    /// <inheritdoc />
    protected override Task HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize(item.Payload, CoreJson.Default.InboundMessage)
            ?? throw new PermanentFailureException("Inbound item is empty.");
        return pipeline.HandleAsync(message, cancellationToken);
    }
}
