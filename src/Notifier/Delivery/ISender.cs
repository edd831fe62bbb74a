using GridService.Core.Chat;

namespace GridService.Notifier.Delivery;

/// <summary>Delivers messages over one channel (simulator, WeCom group robot, bridge webhook...).</summary>
public interface ISender
{
    /// <summary>The channel name messages carry in <see cref="OutboundMessage.Channel"/>.</summary>
    string Channel { get; }

    /// <summary>Sends one message; throws on failure (transient failures are retried by the worker).</summary>
    Task SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
