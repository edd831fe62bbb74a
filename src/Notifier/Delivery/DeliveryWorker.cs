using System.Globalization;
using System.Text.Json;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GridService.Notifier.Delivery;

/// <summary>
/// Consumes the outbound queue: claims each message (sent markers), hands it to the sender of its channel and
/// records the outcome. Delivered: marked sent, status <c>sent</c>. Must wait (rate limit, another worker): back in
/// the queue due when it may go, no attempt used. Transient failure: back in the queue after an exponential backoff
/// with jitter (or the endpoint's Retry-After, whichever is longer) until <c>Queues:Outbound:MaxAttempts</c> (a
/// critical message: for <see cref="DeliveryOptions.CriticalRetryFor"/>, its manager alerted at the first failure);
/// then, like a permanent failure at once, dead-lettered with the reason (a critical one alerts the operators).
/// Just before a send the <see cref="SendChecks"/> may withdraw a message that is no longer true (status
/// <c>cancelled</c>). Nothing is dropped silently.
/// </summary>
public sealed partial class DeliveryWorker(
    Outbox outbox,
    IEnumerable<ISender> senders,
    SentMarkers markers,
    SendChecks checks,
    IDeliveryAlerts alerts,
    IOptionsMonitor<QueueWorkerOptions> options,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    ILogger<DeliveryWorker> logger,
    IHostApplicationLifetime lifetime)
    : QueueWorker(outbox.Queue, options.Get(Outbox.QueueName), time, logger, lifetime)
{
    private readonly Dictionary<string, ISender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.OrdinalIgnoreCase);
    private readonly QueueWorkerOptions _queue = options.Get(Outbox.QueueName);

    /// <inheritdoc />
    protected override async Task HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize(item.Payload, CoreJson.Default.OutboundMessage)
            ?? throw new PermanentFailureException("Outbound item is empty.");
        if (await checks.WithdrawReasonAsync(message) is { } withdrawn)
        {
            await outbox.Statuses.CancelledAsync(message, item.Attempt - 1, withdrawn);
            Log.Withdrawn(Logger, message.Id, withdrawn);
            return;
        }

        var (claim, token, busyFor) = await markers.ClaimAsync(message.Id, _queue.Lease);
        switch (claim)
        {
            case ClaimResult.AlreadySent:
                await RecordAlreadySentAsync(message, item.Attempt);
                return;
            case ClaimResult.Busy:
                await DeferAsync(item, message, new DeferDeliveryException(busyFor, "another worker is sending it"));
                return;
        }

        try
        {
            if (!_senders.TryGetValue(message.Channel, out var sender))
            {
                throw new PermanentFailureException(
                    $"No sender for channel '{message.Channel}' (known: {string.Join(", ", _senders.Keys.Order(StringComparer.Ordinal))}).");
            }

            await sender.SendAsync(message, cancellationToken);
            await markers.MarkSentAsync(message.Id);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutting down: the claim and the lease expire, and the message is tried again then
        }
        catch (Exception ex)
        {
            await markers.ReleaseAsync(message.Id, token);
            await FailAsync(item, message, ex);
            return;
        }

        await outbox.Statuses.SetAsync(DeliveryRecord.For(message, DeliveryState.Sent, Time.GetUtcNow(), item.Attempt));
        Log.Delivered(Logger, message.Id, message.Channel, message.Kind, item.Attempt);
    }

    // The handler moves the item itself (deferred or retried) and returns; the base class's acknowledgement then
    // finds nothing to remove, because the item's stored form changed (a new attempt, or a unique deferral note).
    private async Task FailAsync(QueueItem item, OutboundMessage message, Exception ex)
    {
        switch (ex)
        {
            case DeferDeliveryException defer:
                await DeferAsync(item, message, defer);
                return;
            case BrokenCircuitException broken:
                // Refused without a call: the endpoint failed for others just now. Wait for the break to end.
                await DeferAsync(item, message, new DeferDeliveryException(broken.RetryAfter ?? TimeSpan.FromSeconds(1), Describe(broken)));
                return;
            case PermanentFailureException permanent:
                await RecordAsync(message, DeliveryState.Dead, item.Attempt, permanent.Message);
                if (message.Critical) await alerts.CriticalDeadAsync(message, permanent.Message);
                throw permanent; // the base class dead-letters it with this reason
        }

        var reason = Describe(ex);
        var retryUntil = (message.NotBefore is { } notBefore && notBefore > message.CreatedAt ? notBefore : message.CreatedAt) + delivery.Value.CriticalRetryFor;
        var giveUp = item.Attempt >= _queue.MaxAttempts && (!message.Critical || Time.GetUtcNow() >= retryUntil);
        if (giveUp)
        {
            var final = message.Critical
                ? $"gave up after {item.Attempt} attempts over {delivery.Value.CriticalRetryFor}: {reason}"
                : $"gave up after {item.Attempt} attempts: {reason}";
            await RecordAsync(message, DeliveryState.Dead, item.Attempt, final);
            if (message.Critical) await alerts.CriticalDeadAsync(message, final);
            throw new PermanentFailureException(final, ex);
        }

        if (message.Critical && item.Attempt == 1) await alerts.CriticalFailingAsync(message, reason, retryUntil);
        var delay = Backoff(item.Attempt, RetryAfter(ex));
        await RecordAsync(message, DeliveryState.Retrying, item.Attempt, reason, Time.GetUtcNow() + delay);
        await outbox.Queue.RetryLaterAsync(item, delay, reason);
        Log.Retrying(Logger, message.Id, message.Channel, item.Attempt, delay, reason);
    }

    private async Task DeferAsync(QueueItem item, OutboundMessage message, DeferDeliveryException defer)
    {
        var due = Time.GetUtcNow() + defer.Delay;
        await RecordAsync(message, DeliveryState.Deferred, item.Attempt - 1, defer.Message, due);
        // Same attempt number; the note is unique so the moved item never equals the one being acknowledged.
        var note = $"{defer.Message} [until {due.ToString("O", CultureInfo.InvariantCulture)}, {Guid.NewGuid():N}]";
        await outbox.Queue.RetryLaterAsync(item with { Attempt = item.Attempt - 1 }, defer.Delay, note);
        Log.Deferred(Logger, message.Id, defer.Delay, defer.Message);
    }

    private async Task RecordAlreadySentAsync(OutboundMessage message, int attempt)
    {
        Log.AlreadySent(Logger, message.Id);
        if ((await outbox.Statuses.GetAsync(message.Id))?.State != DeliveryState.Sent)
        {
            await RecordAsync(message, DeliveryState.Sent, attempt, null);
        }
    }

    private Task RecordAsync(OutboundMessage message, DeliveryState state, int attempts, string? reason, DateTimeOffset? next = null) =>
        outbox.Statuses.SetAsync(DeliveryRecord.For(message, state, Time.GetUtcNow(), attempts, reason, next));

    /// <summary>Exponential from <c>Queues:Outbound:RetryBaseDelay</c>, half of it random, capped; never before Retry-After.</summary>
    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = _queue.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        if (exponential > delivery.Value.MaxRetryDelay) exponential = delivery.Value.MaxRetryDelay;
#pragma warning disable CA5394 // jitter spreads retries; it needs no cryptographic randomness
        var jittered = exponential / 2 + exponential / 2 * Random.Shared.NextDouble();
#pragma warning restore CA5394
        return retryAfter is { } after && after > jittered ? after : jittered;
    }

    private static TimeSpan? RetryAfter(Exception ex) => (ex as TransientSendException)?.RetryAfter;

    /// <summary>A one-line reason an operator can act on.</summary>
    private string Describe(Exception ex) => ex switch
    {
        TimeoutRejectedException => $"timeout: no answer within {delivery.Value.AttemptTimeout.TotalSeconds:0.###} s",
        BrokenCircuitException { InnerException: { } inner } => $"waiting: the endpoint's circuit is open after repeated failures; last: {Describe(inner)}",
        BrokenCircuitException => "waiting: the endpoint's circuit is open after repeated failures",
        HttpRequestException http => $"connection failed: {http.Message}",
        _ => ex.Message,
    };

    private static partial class Log
    {
        [LoggerMessage(EventIds.Delivery, LogLevel.Information, "Delivered {MessageId} via {Channel} ({Kind}) on attempt {Attempt}")]
        public static partial void Delivered(ILogger logger, string messageId, string channel, string kind, int attempt);

        [LoggerMessage(EventIds.Delivery + 1, LogLevel.Debug, "Deferred {MessageId} by {Delay}: {Reason}")]
        public static partial void Deferred(ILogger logger, string messageId, TimeSpan delay, string reason);

        [LoggerMessage(EventIds.Delivery + 2, LogLevel.Warning, "Delivery of {MessageId} via {Channel} failed on attempt {Attempt}, retry in {Delay}: {Reason}")]
        public static partial void Retrying(ILogger logger, string messageId, string channel, int attempt, TimeSpan delay, string reason);

        [LoggerMessage(EventIds.Delivery + 3, LogLevel.Information, "{MessageId} was delivered before; not sent again")]
        public static partial void AlreadySent(ILogger logger, string messageId);

        [LoggerMessage(EventIds.Delivery + 4, LogLevel.Information, "{MessageId} withdrawn at its send time: {Reason}")]
        public static partial void Withdrawn(ILogger logger, string messageId, string reason);
    }
}
