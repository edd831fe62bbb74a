namespace GridService.Notifier.Delivery;

/// <summary>
/// A last look at a queued message just before it is sent: whatever made it true when it was queued may have
/// changed since (a bill paid between 23:00 and 08:00). A feature that queues messages ahead registers one.
/// </summary>
public interface ISendCheck
{
    /// <summary>Why <paramref name="message"/> must not go any more (recorded as its cancellation), or null to send it.</summary>
    Task<string?> WithdrawReasonAsync(OutboundMessage message);
}

/// <summary>All registered <see cref="ISendCheck"/>s, asked in turn; the delivery worker runs them before each send.</summary>
public sealed class SendChecks(IEnumerable<ISendCheck> checks)
{
    private readonly ISendCheck[] _checks = [.. checks];

    /// <summary>The first check's reason to withdraw the message, or null.</summary>
    public async Task<string?> WithdrawReasonAsync(OutboundMessage message)
    {
        foreach (var check in _checks)
        {
            if (await check.WithdrawReasonAsync(message) is { } reason) return reason;
        }

        return null;
    }
}
