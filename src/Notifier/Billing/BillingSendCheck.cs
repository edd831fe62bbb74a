using GridService.Core.Grid;
using GridService.Notifier.Delivery;

namespace GridService.Notifier.Billing;

/// <summary>
/// Send-time truth for billing messages: just before a reminder or disconnection notice goes, the bill is read again,
/// and a bill paid in the meantime withdraws it (<c>cancelled: paid</c>). One hash read per message.
/// </summary>
public sealed class BillingSendCheck(GridDirectory directory) : ISendCheck
{
    /// <summary>The reason recorded on a withdrawn message.</summary>
    public const string Paid = "paid";

    /// <inheritdoc />
    public async Task<string?> WithdrawReasonAsync(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.Id.StartsWith("bill:", StringComparison.Ordinal)) return null;
        var parts = message.Id.Split(':');
        if (parts is not [_, var account, var period, var stage] || stage == ReminderStage.Reconnection) return null;
        var bill = await directory.GetBillAsync(account, period);
        return bill is null || bill.Outstanding <= 0 ? Paid : null;
    }
}
