namespace GridService.Notifier.Delivery;

// How a sender tells the worker what happened. Permanent failures use Core's PermanentFailureException.

/// <summary>A failure another attempt may fix (HTTP 429, 5xx, 408, a busy platform).</summary>
/// <param name="message">What happened, for the status record and logs; never a secret.</param>
/// <param name="retryAfter">How long the endpoint asked us to wait, if it said.</param>
/// <param name="serverFault">True when the endpoint itself is failing (5xx, timeouts): counts toward its circuit breaker.</param>
public sealed class TransientSendException(string message, TimeSpan? retryAfter = null, bool serverFault = false)
    : Exception(message)
{
    /// <summary>The endpoint's Retry-After, if any.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>True when the endpoint is failing rather than refusing us for now.</summary>
    public bool ServerFault { get; } = serverFault;
}

/// <summary>
/// The message must wait without having failed: a rate-limit slot later on, or another worker holding it. The
/// worker puts it back due after <see cref="Delay"/> without using up an attempt.
/// </summary>
public sealed class DeferDeliveryException(TimeSpan delay, string reason) : Exception(reason)
{
    /// <summary>How long to wait.</summary>
    public TimeSpan Delay { get; } = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
}
