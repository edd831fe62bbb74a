using GridService.Core.Grid;
using GridService.Notifier.Billing;
using GridService.Notifier.Tests.Notices;

namespace GridService.Notifier.Tests.Billing;

public sealed class ImportTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private const string BillHeader = "account_no,period,amount,paid,settled_on,due_on";
    private const string PaymentHeader = "payment_id,account_no,period,amount,paid_at";

    [Fact]
    public async Task ImportBills_BadRows_EachNamedByFileLineAndFieldAndNothingIsWritten()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        using var files = new TempCsv();
        var path = files.Write("bills.csv", BillHeader,
            "3101000007,2026-11,86.20,0.00,2026-12-01,2026-12-15",
            "3101000008,2026-11,abc,0.00,2026-12-01,2026-12-15",
            "3101000009,2026-13,10.00,0.00,2026-12-01,2026-12-15",
            "3101000007,2026-11,86.20,0.00,2026-12-01,2026-12-15",
            "3199999999,2026-11,10.00,0.00,2026-12-01,2026-12-15",
            "3101000010,2026-11,10.00,0.00,2026-12-01,2026-11-20");

        var result = await Import(notifier).ImportAsync(path, new ImportProgress(TextWriter.Null, false), false, CancellationToken.None);

        Assert.Equal(
        [
            "bills.csv:3: field 'amount': is not a number like 123.45 (value 'abc')",
            "bills.csv:4: field 'period': is not a billing period like 2026-10 (value '2026-13')",
            "bills.csv:5: field 'period': the account's bill for it is already on line 2 (value '2026-11')",
            "bills.csv:6: field 'account_no': is not a known customer; import the customer first (value '******9999')",
            "bills.csv:7: field 'due_on': is before settled_on (value '2026-11-20')",
        ], result.Errors.Select(e => e.Message));
        Assert.Equal(0, result.Written);
        Assert.Null(await notifier.Get<GridDirectory>().GetBillAsync("3101000007", "2026-11"));
    }

    [Fact]
    public async Task ImportBills_CleanFile_WritesEveryBillAndReportsPeriods()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        using var files = new TempCsv();
        var path = files.Write("bills.csv", BillHeader,
            "3101000007,2026-11,86.20,0.00,2026-12-01,2026-12-15",
            "3101000008,2026-10,45.00,45.00,2026-11-01,2026-11-15");
        using var progress = new StringWriter();

        var result = await Import(notifier).ImportAsync(path, new ImportProgress(progress, false), false, CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(2, result.Written);
        Assert.Equal(new Dictionary<string, long> { ["2026-10"] = 1, ["2026-11"] = 1 }, result.ByPeriod.OrderBy(p => p.Key).ToDictionary());
        Assert.Equal(86.20m, (await notifier.Get<GridDirectory>().GetBillAsync("3101000007", "2026-11"))!.Amount);
        Assert.Contains("importing bills.csv: 2 rows", progress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportBills_DryRun_ChecksButWritesNothing()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        using var files = new TempCsv();
        var path = files.Write("bills.csv", BillHeader, "3101000007,2026-11,86.20,0.00,2026-12-01,2026-12-15");

        var result = await Import(notifier).ImportAsync(path, new ImportProgress(TextWriter.Null, false), dryRun: true, CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Null(await notifier.Get<GridDirectory>().GetBillAsync("3101000007", "2026-11"));
    }

    [Fact]
    public async Task ImportPayments_SameFileTwice_EachPaymentCountsOnce()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        using var files = new TempCsv();
        await Import(notifier).ImportAsync(files.Write("bills.csv", BillHeader, "3101000007,2026-11,86.20,0.00,2026-12-01,2026-12-15"),
            new ImportProgress(TextWriter.Null, false), false, CancellationToken.None);
        var payments = files.Write("payments.csv", PaymentHeader,
            "P-1,3101000007,2026-11,50.00,2026-12-02 10:00",
            "P-2,3101000007,2026-11,10.00,2026-12-02 11:00");

        var once = await Pay(notifier).ImportAsync(payments, new ImportProgress(TextWriter.Null, false), false, CancellationToken.None);
        var twice = await Pay(notifier).ImportAsync(payments, new ImportProgress(TextWriter.Null, false), false, CancellationToken.None);

        Assert.Equal((2L, 0L), (once.Written, once.Skipped));
        Assert.Equal((0L, 2L), (twice.Written, twice.Skipped));
        Assert.Equal(26.20m, (await notifier.Get<GridDirectory>().GetBillAsync("3101000007", "2026-11"))!.Outstanding);
    }

    [Fact]
    public async Task ImportPayments_OneBadRow_NoPaymentIsApplied()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        using var files = new TempCsv();
        await Import(notifier).ImportAsync(files.Write("bills.csv", BillHeader, "3101000007,2026-11,86.20,0.00,2026-12-01,2026-12-15"),
            new ImportProgress(TextWriter.Null, false), false, CancellationToken.None);
        var payments = files.Write("payments.csv", PaymentHeader,
            "P-1,3101000007,2026-11,50.00,2026-12-02 10:00",
            "P-1,3101000007,2026-11,10.00,2026-12-02 11:00",
            "P-3,3101000008,2026-11,10.00,2026-12-02 11:00",
            "P-4,3101000007,2026-11,10.00,yesterday");

        var result = await Pay(notifier).ImportAsync(payments, new ImportProgress(TextWriter.Null, false), false, CancellationToken.None);

        Assert.Equal(
        [
            "payments.csv:3: field 'payment_id': is already used on line 2 (value 'P-1')",
            "payments.csv:4: field 'period': account has no bill for 2026-11; import the bills first",
            "payments.csv:5: field 'paid_at': is not a time like 2026-11-28 08:00 (value 'yesterday')",
        ], result.Errors.Select(e => e.Message));
        Assert.Equal(0m, (await notifier.Get<GridDirectory>().GetBillAsync("3101000007", "2026-11"))!.Paid);
    }

    private static BillImporter Import(TestNotifier notifier) => notifier.Get<BillImporter>();

    private static PaymentImporter Pay(TestNotifier notifier) => notifier.Get<PaymentImporter>();
}
