using GridService.Notifier.Billing;
using GridService.Notifier.Managers;
using GridService.Notifier.Scheduling;
using GridService.Notifier.Tests.Notices;

namespace GridService.Notifier.Tests.Billing;

/// <summary>A disconnection notice held for a person (an important customer) is released or dropped by a decision or a payment.</summary>
public sealed class HeldNoticeTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Due = new(2026, 12, 16, 9, 0, 0, China);

    [Fact]
    public async Task Release_HeldNotice_GoesOutGentleAndLeavesTheList()
    {
        await using var notifier = await HoldAsync();

        var released = await notifier.Get<HeldNoticeService>().ReleaseAsync("3101000002", "2026-10", "sunlihong");

        Assert.True(released);
        var notice = Assert.Single(await notifier.DeliverAsync(), m => !ManagerAlerts.IsAlert(m));
        Assert.Equal(ReminderStage.MessageId("3101000002", "2026-10", "disconnection"), notice.Id);
        Assert.Contains("我们一起商量办法", notice.Text, StringComparison.Ordinal);
        Assert.Empty(await notifier.Get<BillingStore>().HeldAsync());
        Assert.Null(await notifier.Get<HeldNoticeService>().ReleaseAsync("3101000002", "2026-10", "sunlihong"));
    }

    [Fact]
    public async Task Payment_WhileHeld_DropsTheNoticeAndSendsNothing()
    {
        await using var notifier = await HoldAsync();
        using var files = new TempCsv();

        var paid = await notifier.Get<PaymentImporter>().ImportAsync(
            files.Write("payments.csv", "payment_id,account_no,period,amount,paid_at", "P-9,3101000002,2026-10,880.00,2026-12-16 10:00"),
            new ImportProgress(TextWriter.Null, false), false, CancellationToken.None);

        Assert.True(paid.Ok);
        Assert.Empty(await notifier.Get<BillingStore>().HeldAsync());
        await notifier.DeliverAsync();
        Assert.Empty(notifier.ToCustomers());
    }

    private async Task<TestNotifier> HoldAsync()
    {
        var notifier = await TestNotifier.CreateAsync(fixture, Due.AddHours(-1));
        using var files = new TempCsv();
        var bills = files.Write("bills.csv", "account_no,period,amount,paid,settled_on,due_on", "3101000002,2026-10,880.00,0.00,2026-11-01,2026-11-15");
        Assert.True((await notifier.Get<BillImporter>().ImportAsync(bills, new ImportProgress(TextWriter.Null, false), false, CancellationToken.None)).Ok);
        await notifier.Get<ScheduledRun>().RunAsync(ReminderPlanner.JobName, async (w, ct) => (int)(await notifier.Get<ReminderPlanner>().RunAsync(w, ct)).Queued, CancellationToken.None);
        notifier.Time.SetUtcNow(Due);
        await notifier.Get<ScheduledRun>().RunAsync(ReminderPlanner.JobName, async (w, ct) => (int)(await notifier.Get<ReminderPlanner>().RunAsync(w, ct)).Queued, CancellationToken.None);
        // Nothing reaches the customer; the area manager is asked, privately, to decide.
        await notifier.DeliverAsync();
        Assert.Empty(notifier.ToCustomers());
        var alert = Assert.Single(notifier.ToStaff("wangjianhua"));
        Assert.Contains("【待您决定】", alert.Text, StringComparison.Ordinal);
        Assert.Contains("3101000002", alert.Text, StringComparison.Ordinal);
        Assert.Single(await notifier.Get<BillingStore>().HeldAsync());
        return notifier;
    }
}
