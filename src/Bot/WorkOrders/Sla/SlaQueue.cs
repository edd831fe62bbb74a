using System.Text.Json;
using GridService.Core.Queues;
using GridService.Core.Storage;

namespace GridService.Bot.WorkOrders.Sla;

/// <summary>The queue between the watchdog job (decides what is due) and the <see cref="SlaWorker"/> (acts on it).</summary>
public sealed class SlaQueue(RedisStore store, TimeProvider time)
{
    /// <summary>Queue name (configuration: <c>Queues:WorkOrderSla</c>).</summary>
    public const string QueueName = "workorder-sla";

    /// <summary>The underlying queue.</summary>
    public ReliableQueue Queue { get; } = new(store, QueueName, time);

    /// <summary>Queues an event once per (order, kind, deadline); false when it was queued before.</summary>
    public Task<bool> EnqueueAsync(SlaEvent e) =>
        Queue.EnqueueOnceAsync(e.Id, JsonSerializer.Serialize(e, WorkOrderJson.Default.SlaEvent), TimeSpan.FromDays(30));

    /// <summary>Reads a queued event.</summary>
    public static SlaEvent Parse(string payload) =>
        JsonSerializer.Deserialize(payload, WorkOrderJson.Default.SlaEvent) ?? throw new PermanentFailureException("Empty SLA event.");
}
