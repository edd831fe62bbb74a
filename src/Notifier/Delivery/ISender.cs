
namespace GridService.Notifier.Delivery;

/// <summary>Delivers messages over one channel (simulator, WeCom group robot, bridge webhook...).</summary>
public interface ISender
{
    /// <summary>The channel name messages carry in <see cref="OutboundMessage.Channel"/>.</summary>
    string Channel { get; }

    /// <summary>
    /// Sends one message. Throw <c>PermanentFailureException</c> for what no retry can fix (dead-lettered with its
    /// message), <see cref="DeferDeliveryException"/> to wait without using an attempt; anything else is a transient
    /// failure, retried with backoff (<see cref="TransientSendException"/> carries a Retry-After).
    /// </summary>
    Task SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
