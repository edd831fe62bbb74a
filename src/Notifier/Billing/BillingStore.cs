using System.Globalization;
using System.Text.Json;
using GridService.Core.Grid;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Notifier.Billing;

/// <summary>
/// Billing state the reminder job needs beside the bills: each period's settlement and due days, the disconnection
/// notices sent, and those held for a person to decide.
/// </summary>
public sealed class BillingStore(RedisStore store, GridDirectory directory)
{
    // Hash: billing period → its settlement and due dates (what the reminder job schedules by).
    private string PeriodsKey => $"{store.Keys.Prefix}:billing:periods";

    // Hash of one period's arrears disconnection notices: account number → JSON.
    private string DisconnectionKey(string period) => $"{store.Keys.Prefix}:billing:disconnection:{period}";

    // Hash of disconnection notices held for a person to decide: account/period → JSON.
    private string HeldKey => $"{store.Keys.Prefix}:billing:held";

    // Bills loaded some other way (the sample seeder) are found by looking this many months back.
    private const int DiscoverMonths = 6;

    private IDatabase Db => store.Db;

    /// <summary>Adds days to a period's summary (the importer calls this for what it wrote).</summary>
    public async Task RecordPeriodAsync(string period, PeriodDates dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var existing = await GetPeriodAsync(period);
        var merged = existing?.Merge(dates) ?? dates.Merge(new PeriodDates([], []));
        await Db.HashSetAsync(PeriodsKey, period, JsonSerializer.Serialize(merged, BillingJson.Default.PeriodDates));
    }

    /// <summary>
    /// Every period with bills and its days. Periods of the last months that have bills but no summary (loaded
    /// without the importer) are summarised once by scanning their bills.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, PeriodDates>> PeriodsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var periods = (await Db.HashGetAllAsync(PeriodsKey))
            .ToDictionary(e => (string)e.Name!, e => JsonSerializer.Deserialize((string)e.Value!, BillingJson.Default.PeriodDates)!, StringComparer.Ordinal);
        var month = new DateOnly(now.Year, now.Month, 1);
        for (var back = 0; back <= DiscoverMonths; back++)
        {
            var period = month.AddMonths(-back).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            if (periods.ContainsKey(period) || !await Db.KeyExistsAsync(GridKeys.Of(store).Bills(period))) continue;
            var settled = new HashSet<DateOnly>();
            var due = new HashSet<DateOnly>();
            await foreach (var bill in directory.BillsAsync(period, cancellationToken))
            {
                settled.Add(bill.SettledOn);
                due.Add(bill.DueOn);
            }

            periods[period] = new PeriodDates([.. settled.Order()], [.. due.Order()]);
            await RecordPeriodAsync(period, periods[period]);
        }

        return periods;
    }

    /// <summary>Records a disconnection notice unless one is recorded already.</summary>
    public Task RecordDisconnectionAsync(IBatch batch, string period, string accountNo, DisconnectionRecord record) =>
        batch.HashSetAsync(DisconnectionKey(period), accountNo, JsonSerializer.Serialize(record, BillingJson.Default.DisconnectionRecord), When.NotExists);

    /// <summary>The disconnection notice sent for a bill, or null.</summary>
    public async Task<DisconnectionRecord?> GetDisconnectionAsync(string period, string accountNo)
    {
        var json = await Db.HashGetAsync(DisconnectionKey(period), accountNo);
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, BillingJson.Default.DisconnectionRecord);
    }

    /// <summary>Which of <paramref name="accountNos"/> got a disconnection notice for the period, in one round trip.</summary>
    public async Task<bool[]> HaveDisconnectionAsync(string period, IReadOnlyList<string> accountNos)
    {
        ArgumentNullException.ThrowIfNull(accountNos);
        if (accountNos.Count == 0) return [];
        var values = await Db.HashGetAsync(DisconnectionKey(period), [.. accountNos.Select(a => (RedisValue)a)]);
        return [.. values.Select(v => !v.IsNull)];
    }

    /// <summary>Which of <paramref name="accountNos"/> have a notice held for the period, in one round trip.</summary>
    public async Task<bool[]> AreHeldAsync(string period, IReadOnlyList<string> accountNos)
    {
        ArgumentNullException.ThrowIfNull(accountNos);
        if (accountNos.Count == 0) return [];
        var values = await Db.HashGetAsync(HeldKey, [.. accountNos.Select(a => (RedisValue)HeldNotice.KeyOf(a, period))]);
        return [.. values.Select(v => !v.IsNull)];
    }

    /// <summary>Forgets a bill's disconnection notice (it was paid and the customer told).</summary>
    public Task ClearDisconnectionAsync(string period, string accountNo) => Db.HashDeleteAsync(DisconnectionKey(period), accountNo);

    /// <summary>Holds a notice for a person to decide, unless it is held already.</summary>
    public Task HoldAsync(IBatch batch, HeldNotice held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return batch.HashSetAsync(HeldKey, held.Key, JsonSerializer.Serialize(held, BillingJson.Default.HeldNotice), When.NotExists);
    }

    /// <summary>Every held notice, oldest first.</summary>
    public async Task<IReadOnlyList<HeldNotice>> HeldAsync() =>
        [.. (await Db.HashValuesAsync(HeldKey)).Select(v => JsonSerializer.Deserialize((string)v!, BillingJson.Default.HeldNotice)!)
            .OrderBy(h => h.HeldAt).ThenBy(h => h.Key, StringComparer.Ordinal)];

    /// <summary>One held notice, or null.</summary>
    public async Task<HeldNotice?> GetHeldAsync(string accountNo, string period)
    {
        var json = await Db.HashGetAsync(HeldKey, HeldNotice.KeyOf(accountNo, period));
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, BillingJson.Default.HeldNotice);
    }

    /// <summary>Removes a held notice; false when it was not held (another operator decided first).</summary>
    public Task<bool> UnholdAsync(string accountNo, string period) => Db.HashDeleteAsync(HeldKey, HeldNotice.KeyOf(accountNo, period));

    private async Task<PeriodDates?> GetPeriodAsync(string period)
    {
        var json = await Db.HashGetAsync(PeriodsKey, period);
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, BillingJson.Default.PeriodDates);
    }
}
