using System.Text.Json;
using GridService.Core.Chat;
using GridService.Core.Storage;

namespace GridService.Core.Billing;

/// <summary>A disconnection notice waiting for the customer's 收到, or confirmed.</summary>
/// <param name="AccountNo">The account.</param>
/// <param name="Period">The billing period the notice is about.</param>
/// <param name="AreaId">The customer's area (whose manager visits the ones who do not confirm).</param>
/// <param name="NoticedAt">When the notice was queued.</param>
/// <param name="DisconnectAt">When supply would be cut, as the notice said.</param>
/// <param name="ConfirmedAt">When the customer replied 收到 (or a manager recorded the signed receipt); null while waiting.</param>
/// <param name="ConfirmedBy">customer, or the member of staff who recorded it.</param>
public sealed record DisconnectionReceipt(
    string AccountNo, string Period, string AreaId, DateTimeOffset NoticedAt, DateTimeOffset DisconnectAt,
    DateTimeOffset? ConfirmedAt = null, string? ConfirmedBy = null);

/// <summary>
/// The record that each customer received their disconnection notice (seed 004: the notice is signed for). The
/// Notifier opens a receipt when it queues the notice; the Bot confirms it when the customer replies 收到; whoever
/// has not confirmed within a day is on the manager's visit list. One hash, one entry per account, removed once the
/// bill is paid or the notice withdrawn.
/// </summary>
public sealed class DisconnectionReceipts(RedisStore store, TimeProvider time)
{
    /// <summary>How long a customer has to confirm before the manager visits.</summary>
    public static readonly TimeSpan ConfirmWithin = TimeSpan.FromDays(1);

    private string Key => $"{store.Keys.Prefix}:billing:receipts";

    /// <summary>Opens a receipt for a notice just queued (replacing an older one of the account).</summary>
    public Task AwaitAsync(DisconnectionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return store.Db.HashSetAsync(Key, receipt.AccountNo, JsonSerializer.Serialize(receipt, CoreJson.Default.DisconnectionReceipt));
    }

    /// <summary>The account's receipt, if a notice is outstanding.</summary>
    public async Task<DisconnectionReceipt?> GetAsync(string accountNo)
    {
        var json = await store.Db.HashGetAsync(Key, accountNo);
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, CoreJson.Default.DisconnectionReceipt);
    }

    /// <summary>Records the confirmation; null when no notice waits for one (none sent, or confirmed already).</summary>
    public async Task<DisconnectionReceipt?> ConfirmAsync(string accountNo, string confirmedBy)
    {
        if (await GetAsync(accountNo) is not { ConfirmedAt: null } waiting) return null;
        var confirmed = waiting with { ConfirmedAt = time.GetUtcNow(), ConfirmedBy = confirmedBy };
        await store.Db.HashSetAsync(Key, accountNo, JsonSerializer.Serialize(confirmed, CoreJson.Default.DisconnectionReceipt));
        return confirmed;
    }

    /// <summary>Forgets the account's receipt (the bill was paid, or the notice withdrawn).</summary>
    public Task ForgetAsync(string accountNo) => store.Db.HashDeleteAsync(Key, accountNo);

    /// <summary>Every receipt, confirmed or not, oldest notice first.</summary>
    public async Task<IReadOnlyList<DisconnectionReceipt>> ListAsync() =>
        [.. (await store.Db.HashValuesAsync(Key)).Select(v => JsonSerializer.Deserialize((string)v!, CoreJson.Default.DisconnectionReceipt)!)
            .OrderBy(r => r.NoticedAt).ThenBy(r => r.AccountNo, StringComparer.Ordinal)];
}
