using System.Runtime.CompilerServices;
using GridService.Core.Domain;
using StackExchange.Redis;

namespace GridService.Core.Grid;

public sealed partial class GridDirectory
{
    private const int BillBatchSize = 1_000;
    private const int BillBatchesInFlight = 4;

    /// <summary>Adds or replaces bills, pipelined in batches; returns how many were written.</summary>
    public Task<int> SaveBillsAsync(IEnumerable<Bill> bills, CancellationToken cancellationToken = default) =>
        SaveBillsAsync(bills.ToAsyncEnumerable(), cancellationToken);

    /// <summary>Adds or replaces bills as they arrive (e.g. from a CSV import), pipelined in batches.</summary>
    public async Task<int> SaveBillsAsync(IAsyncEnumerable<Bill> bills, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bills);
        var inFlight = new Queue<Task>();
        var batch = new List<Bill>(BillBatchSize);
        var count = 0;
        await foreach (var bill in bills.WithCancellation(cancellationToken))
        {
            batch.Add(bill);
            if (batch.Count < BillBatchSize) continue;
            count += await SendAsync();
        }

        count += await SendAsync();
        await Task.WhenAll(inFlight);
        return count;

        // A few batches stay in flight so the writes pipeline without queueing the whole import in memory.
        async Task<int> SendAsync()
        {
            if (batch.Count == 0) return 0;
            foreach (var period in batch.GroupBy(b => b.Period))
            {
                var entries = period.Select(b => new HashEntry(b.AccountNo, Serialize(b, GridJson.Default.Bill))).ToArray();
                inFlight.Enqueue(Db.HashSetAsync(Keys.Bills(period.Key), entries));
            }

            var sent = batch.Count;
            batch.Clear();
            while (inFlight.Count > BillBatchesInFlight) await inFlight.Dequeue();
            return sent;
        }
    }

    /// <summary>An account's bill for a period (<c>yyyy-MM</c>), or null.</summary>
    public Task<Bill?> GetBillAsync(string accountNo, string period) => GetAsync(Keys.Bills(period), accountNo, GridJson.Default.Bill);

    /// <summary>Many bills of a period in one round trip, in the order asked (null where there is none).</summary>
    public async Task<Bill?[]> GetBillsAsync(string period, IReadOnlyList<string> accountNos)
    {
        ArgumentNullException.ThrowIfNull(accountNos);
        if (accountNos.Count == 0) return [];
        var values = await Db.HashGetAsync(Keys.Bills(period), [.. accountNos.Select(a => (RedisValue)a)]);
        return [.. values.Select(v => v.IsNull ? null : Deserialize(v, GridJson.Default.Bill))];
    }

    /// <summary>
    /// The account's bills of the <paramref name="months"/> periods up to and including <paramref name="latest"/>
    /// (<c>yyyy-MM</c>), oldest first, in one pipelined round: bills live in one hash per period, so "everything this
    /// customer still owes" is a walk back over the months.
    /// </summary>
    public async Task<IReadOnlyList<Bill>> BillsOfAccountAsync(string accountNo, string latest, int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        var start = DateOnly.ParseExact(latest + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var reads = Enumerable.Range(0, months)
            .Select(back => Db.HashGetAsync(Keys.Bills(start.AddMonths(-back).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)), accountNo))
            .ToList();
        var values = await Task.WhenAll(reads);
        return [.. values.Where(v => !v.IsNull).Select(v => Deserialize(v, GridJson.Default.Bill)).OrderBy(b => b.Period, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Replaces bills of one period in one transaction, each only if it is still as <c>before</c> (a concurrent
    /// writer makes the whole batch fail with nothing written), together with <paramref name="stage"/>'s writes to
    /// keys in the bills' hash slot (e.g. the period's applied payments). Returns false when the batch must be retried.
    /// </summary>
    public async Task<bool> ReplaceBillsAsync(string period, IReadOnlyList<(Bill Before, Bill After)> changes, Action<ITransaction, string> stage)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(stage);
        var key = Keys.Bills(period);
        var transaction = Db.CreateTransaction();
        foreach (var (before, after) in changes)
        {
            transaction.AddCondition(Condition.HashEqual(key, before.AccountNo, Serialize(before, GridJson.Default.Bill)));
            _ = transaction.HashSetAsync(key, after.AccountNo, Serialize(after, GridJson.Default.Bill));
        }

        stage(transaction, key);
        return await transaction.ExecuteAsync();
    }

    /// <summary>Every bill of a period, streamed with HSCAN so a million-bill period never sits in memory.</summary>
    public async IAsyncEnumerable<Bill> BillsAsync(string period, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in Db.HashScanAsync(Keys.Bills(period), pageSize: 1_000).WithCancellation(cancellationToken))
        {
            yield return Deserialize(entry.Value, GridJson.Default.Bill);
        }
    }
}
