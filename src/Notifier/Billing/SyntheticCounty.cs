using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Grid;
using GridService.Core.Storage;
using GridService.Notifier.Audiences;
using StackExchange.Redis;

namespace GridService.Notifier.Billing;

/// <summary>
/// A made-up county for the reminder benchmark: areas of ten groups each, customers spread over the groups with
/// realistic mixes of channels, segments and credit, and one bill each for 2026-10, some paid. Streams its writes
/// in pipelined batches so seeding a million customers needs little memory.
/// </summary>
internal sealed class SyntheticCounty(int customers, int groups, int paidPercent)
{
    public const string Period = "2026-10";
    public static readonly DateOnly SettledOn = new(2026, 11, 1);
    private static readonly DateOnly DueOn = new(2026, 11, 15);
    private const int Batch = 2_000;
    private const int OptedOutRemainder = 57; // 1% opted out
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"];
    private static readonly string[] Given = ["建国", "秀英", "桂兰", "志强", "海燕", "国华", "玉梅", "德明", "春梅", "伟", "芳", "静", "磊", "洋", "丽", "军"];

    public int Areas { get; } = Math.Max(1, groups / 10);

    public async Task SeedAsync(RedisStore store)
    {
        var directory = new GridDirectory(store);
        for (var a = 0; a < Areas; a++)
        {
            var manager = new Staff($"mgr-{a:D5}", $"{Surnames[a % Surnames.Length]}{Given[a / Surnames.Length % Given.Length]}", $"186{a:D8}", StaffRole.Manager, "工作日 8:30-17:30");
            await directory.SaveStaffAsync(manager);
            await directory.SaveAreaAsync(new Area(AreaId(a), $"合成{a}号片区", AreaKind.Urban, Zones.Default, manager.Id, manager.Id));
        }

        foreach (var chunk in Enumerable.Range(0, groups).Chunk(200))
        {
            await Task.WhenAll(chunk.Select(g => directory.SaveGroupAsync(
                new ChatGroup(GroupId(g), AreaId(g % Areas), $"合成{g}号群", "小电", [$"mgr-{g % Areas:D5}"], "simulator"))));
        }

        var pending = new List<Task>();
        for (var start = 0; start < customers; start += Batch)
        {
            var count = Math.Min(Batch, customers - start);
            var entries = new HashEntry[count];
            var optOuts = new List<HashEntry>();
            for (var i = 0; i < count; i++)
            {
                var customer = CustomerAt(start + i);
                entries[i] = new HashEntry(customer.AccountNo, JsonSerializer.Serialize(customer, SyntheticJson.Default.Customer));
                if ((start + i) % 100 == OptedOutRemainder) optOuts.Add(new HashEntry(customer.AccountNo, """{"optedOut":true}"""));
            }

            pending.Add(store.Db.HashSetAsync(GridKeys.Of(store).Customers, entries));
            if (optOuts.Count > 0) pending.Add(store.Db.HashSetAsync(PreferenceStore.KeyOf(store), [.. optOuts]));
            if (pending.Count > 8)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        await directory.SaveBillsAsync(Enumerable.Range(0, customers).Select(BillAt));
        await new BillingStore(store, directory).RecordPeriodAsync(Period, new PeriodDates([SettledOn], [DueOn]));
    }

    private static string AreaId(int a) => $"S{a:D5}";

    private static string GroupId(int g) => $"grp-s{g:D6}";

    public static string Account(int i) => (4_000_000_000L + i).ToString(CultureInfo.InvariantCulture);

    private Customer CustomerAt(int i)
    {
        var group = i % groups;
        var bound = i % 5 < 3;
        var segment = (i % 100) switch { < 3 => Segment.Vip, < 5 => Segment.Important, _ => Segment.Resident };
        var credit = (i % 10) switch { < 5 => CreditRating.A, < 9 => CreditRating.B, _ => CreditRating.C };
        return new Customer(Account(i), Surnames[i % Surnames.Length] + Given[i / Surnames.Length % Given.Length], $"139{i % 100_000_000:D8}",
            $"合成路{i % 500}号{i % 30 + 1}单元{i % 6 + 1}0{i % 4 + 1}", AreaId(group % Areas), GroupId(group), bound ? $"u-{i}" : null,
            $"10kV合成{group % 50}线", $"合成{group}号台区", segment, credit, bound ? "wecom" : "sms");
    }

    /// <summary>True when customer <paramref name="i"/> gets a reminder: their bill is still owing and they did not opt out.</summary>
    public bool IsReminded(int i) => i % 100 >= paidPercent && i % 100 != OptedOutRemainder;

    private Bill BillAt(int i)
    {
        var amount = 50 + i % 25_000 / 100m;
        return new Bill(Account(i), Period, amount, i % 100 < paidPercent ? amount : 0m, SettledOn, DueOn);
    }
}

/// <summary>The directory's stored customer form (camelCase, enums by name), for seeding without a transaction per customer.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Customer))]
internal sealed partial class SyntheticJson : JsonSerializerContext;
