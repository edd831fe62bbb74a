using GridService.Core.Queues;
using GridService.Notifier.Delivery.WeCom;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery;

/// <summary>
/// Rules across sections: one part's worst-case send must fit well inside the outbound lease, or a slow send could
/// be reclaimed by another worker while it is still under way.
/// </summary>
public sealed class DeliveryOptionsValidator(IOptionsMonitor<QueueWorkerOptions> queues) : IValidateOptions<DeliveryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        var failures = new List<string>();
        var lease = queues.Get(Outbox.QueueName).Lease;
        var worst = WorstCaseSend(options);
        if (worst > lease / 2)
        {
            failures.Add($"Delivery: one send may take up to {worst} ((InlineRetries + 1) x AttemptTimeout + InlineRetries x " +
                         $"MaxInlineRetryAfter), more than half of Queues:Outbound:Lease ({lease}); shorten Delivery:AttemptTimeout " +
                         "or lengthen the lease.");
        }

        if (string.Equals(options.AlertChannel, WeComRobotSender.Name, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Delivery:AlertChannel '{options.AlertChannel}' cannot write to one person; use simulator, bridge or sms.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The longest one send through the pipeline can take.</summary>
    public static TimeSpan WorstCaseSend(DeliveryOptions options) =>
        options.AttemptTimeout * (options.InlineRetries + 1) + options.MaxInlineRetryAfter * options.InlineRetries;
}
