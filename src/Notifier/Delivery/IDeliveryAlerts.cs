namespace GridService.Notifier.Delivery;

/// <summary>
/// Who hears when a critical message fails: the delivery worker reports, the Notifier's managers feature decides
/// whom to tell (the area manager at the first failure, the operators when it is dead-lettered). Without that
/// feature (a delivery-only host) nobody beyond the logs is told.
/// </summary>
public interface IDeliveryAlerts
{
    /// <summary>A critical message failed an attempt and is retried until <paramref name="retryUntil"/>.</summary>
    Task CriticalFailingAsync(OutboundMessage message, string reason, DateTimeOffset retryUntil);

    /// <summary>A critical message was dead-lettered.</summary>
    Task CriticalDeadAsync(OutboundMessage message, string reason);
}

/// <summary>The logs only.</summary>
internal sealed class NoDeliveryAlerts : IDeliveryAlerts
{
    public Task CriticalFailingAsync(OutboundMessage message, string reason, DateTimeOffset retryUntil) => Task.CompletedTask;

    public Task CriticalDeadAsync(OutboundMessage message, string reason) => Task.CompletedTask;
}
