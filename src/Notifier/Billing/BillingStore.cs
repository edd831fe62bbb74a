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

    // Hash of one period's stage days decided so far: "stage|yyyy-MM-dd" → when (Unix ms); "...|missed" → the import reported.
    private string StageRunsKey(string period) => $"{store.Keys.Prefix}:billing:stage-runs:{period}";

    // Hash of billing messages that could not be produced: account|period|stage → JSON.
    private string FailedKey => $"{store.Keys.Prefix}:billing:failed";

    // Hash: account → the first period it got a disconnection notice for (credit B: held only the first time).
    private string HistoryKey => $"{store.Keys.Prefix}:billing:disconnection-history";

    // Hash of one period's held notices a person dropped: account → who and when (a later run must not hold them again).
    private string DroppedKey(string period) => $"{store.Keys.Prefix}:billing:dropped:{period}";

    // Hash of customers whose supply is cut: account → JSON.
    private string SupplyKey => $"{store.Keys.Prefix}:billing:supply";

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

    /// <summary>The stage days of a period decided so far (<c>stage|yyyy-MM-dd</c> → when), and the late imports already reported.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> StageRunsAsync(string period) =>
        (await Db.HashGetAllAsync(StageRunsKey(period)))
            .ToDictionary(e => (string)e.Name!, e => DateTimeOffset.FromUnixTimeMilliseconds((long)e.Value), StringComparer.Ordinal);

    /// <summary>Records that the stage days <paramref name="keys"/> were decided at <paramref name="at"/>.</summary>
    public Task MarkStageRunsAsync(string period, IEnumerable<string> keys, DateTimeOffset at)
    {
        var entries = keys.Select(k => new HashEntry(k, at.ToUnixTimeMilliseconds())).ToArray();
        return entries.Length == 0 ? Task.CompletedTask : Db.HashSetAsync(StageRunsKey(period), entries);
    }

    /// <summary>Keeps (or refreshes) billing messages that could not be produced.</summary>
    public Task RecordFailuresAsync(IReadOnlyCollection<BillingFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return failures.Count == 0 ? Task.CompletedTask
            : Db.HashSetAsync(FailedKey, [.. failures.Select(f => new HashEntry(f.Key, JsonSerializer.Serialize(f, BillingJson.Default.BillingFailure)))]);
    }

    /// <summary>Every kept failure, oldest first.</summary>
    public async Task<IReadOnlyList<BillingFailure>> FailuresAsync() =>
        [.. (await Db.HashValuesAsync(FailedKey)).Select(v => JsonSerializer.Deserialize((string)v!, BillingJson.Default.BillingFailure)!)
            .OrderBy(f => f.At).ThenBy(f => f.Key, StringComparer.Ordinal)];

    /// <summary>Forgets a failure (produced after all, or the bill was paid).</summary>
    public Task ForgetFailureAsync(BillingFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Db.HashDeleteAsync(FailedKey, failure.Key);
    }

    /// <summary>Which of <paramref name="accountNos"/> ever got a disconnection notice, in one round trip.</summary>
    public async Task<bool[]> HadDisconnectionNoticeAsync(IReadOnlyList<string> accountNos)
    {
        ArgumentNullException.ThrowIfNull(accountNos);
        if (accountNos.Count == 0) return [];
        return [.. (await Db.HashGetAsync(HistoryKey, [.. accountNos.Select(a => (RedisValue)a)])).Select(v => !v.IsNull)];
    }

    /// <summary>Remembers that the account got a disconnection notice (the first period stays).</summary>
    public Task RecordHistoryAsync(IBatch batch, string period, string accountNo) =>
        batch.HashSetAsync(HistoryKey, accountNo, period, When.NotExists);

    /// <summary>Which of <paramref name="accountNos"/> had the period's disconnection notice decided already: sent, released or dropped.</summary>
    public async Task<bool[]> DisconnectionDecidedAsync(string period, IReadOnlyList<string> accountNos)
    {
        ArgumentNullException.ThrowIfNull(accountNos);
        if (accountNos.Count == 0) return [];
        var fields = accountNos.Select(a => (RedisValue)a).ToArray();
        var sent = Db.HashGetAsync(DisconnectionKey(period), fields);
        var dropped = Db.HashGetAsync(DroppedKey(period), fields);
        var (s, d) = (await sent, await dropped);
        return [.. s.Select((v, i) => !v.IsNull || !d[i].IsNull)];
    }

    /// <summary>Remembers that a person dropped the held notice, so no later run holds it again.</summary>
    public Task RecordDroppedAsync(string period, string accountNo, string by, DateTimeOffset at) =>
        Db.HashSetAsync(DroppedKey(period), accountNo, $"{by} {at.ToString("O", CultureInfo.InvariantCulture)}");

    /// <summary>The periods in which the account got a disconnection notice, newest first.</summary>
    public async Task<IReadOnlyList<(string Period, DisconnectionRecord Record)>> DisconnectionsOfAsync(string accountNo, DateTimeOffset now)
    {
        var found = new List<(string, DisconnectionRecord)>();
        foreach (var period in (await PeriodsAsync(now, CancellationToken.None)).Keys.OrderDescending(StringComparer.Ordinal))
        {
            if (await GetDisconnectionAsync(period, accountNo) is { } record) found.Add((period, record));
        }

        return found;
    }

    /// <summary>The account's cut supply, if it is cut.</summary>
    public async Task<SupplyCut?> GetSupplyCutAsync(string accountNo)
    {
        var json = await Db.HashGetAsync(SupplyKey, accountNo);
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, BillingJson.Default.SupplyCut);
    }

    /// <summary>Stores a cut supply's state.</summary>
    public Task SaveSupplyCutAsync(SupplyCut cut)
    {
        ArgumentNullException.ThrowIfNull(cut);
        return Db.HashSetAsync(SupplyKey, cut.AccountNo, JsonSerializer.Serialize(cut, BillingJson.Default.SupplyCut));
    }

    /// <summary>Removes a cut supply (restored); false when there was none.</summary>
    public Task<bool> RemoveSupplyCutAsync(string accountNo) => Db.HashDeleteAsync(SupplyKey, accountNo);

    /// <summary>Every customer whose supply is cut.</summary>
    public async Task<IReadOnlyList<SupplyCut>> SupplyCutsAsync() =>
        [.. (await Db.HashValuesAsync(SupplyKey)).Select(v => JsonSerializer.Deserialize((string)v!, BillingJson.Default.SupplyCut)!)
            .OrderBy(c => c.DisconnectedAt).ThenBy(c => c.AccountNo, StringComparer.Ordinal)];

    private async Task<PeriodDates?> GetPeriodAsync(string period)
    {
        var json = await Db.HashGetAsync(PeriodsKey, period);
        return json.IsNull ? null : JsonSerializer.Deserialize((string)json!, BillingJson.Default.PeriodDates);
    }
}
