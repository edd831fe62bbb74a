using System.ComponentModel.DataAnnotations;

namespace GridService.Notifier.Delivery;

/// <summary>
/// How senders retry, time out and break circuits (section <c>Delivery</c>). Attempts and the queue-level backoff
/// base come from <c>Queues:Outbound</c> (<c>MaxAttempts</c>, <c>RetryBaseDelay</c>, <c>Lease</c>).
/// </summary>
public sealed class DeliveryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Delivery";

    /// <summary>Longest one HTTP attempt may take before it counts as a timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Quick retries inside one delivery attempt (Polly), before the message goes back to the queue.</summary>
    [Range(0, 5)]
    public int InlineRetries { get; set; } = 1;

    /// <summary>First quick retry delay; doubles with each, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan InlineRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A Retry-After up to this long is waited for in place; a longer one sends the message back to the queue due at
    /// that time, so a worker is never parked on one slow endpoint.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxInlineRetryAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Cap of the queue-level backoff between attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a critical message (an outage notice, a safety reply, an alert) keeps being retried, with the backoff
    /// above, before it is dead-lettered; counted from when it was due. Other messages stop after
    /// <c>Queues:Outbound:MaxAttempts</c>. Its area manager hears at the first failure, the operators when it dies.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "2.00:00:00")]
    public TimeSpan CriticalRetryFor { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Share of failed calls to one endpoint, within <see cref="SamplingDuration"/>, that opens its circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in a sampling period before the circuit may open.</summary>
    [Range(2, 1000)]
    public int MinimumThroughput { get; set; } = 4;

    /// <summary>Window over which failures are counted for the circuit breaker.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before letting one through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a "sent" marker is kept; a redelivery within this time is recognised and not sent again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan SentMarkerTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Channel of operator alerts (a disabled group robot) to the area manager and supervisor: simulator, bridge, sms
    /// or another private channel; never the group robot, which cannot write privately.
    /// </summary>
    [Required]
    public string AlertChannel { get; set; } = SimulatorSender.Name;
}
