using GridService.Core.Billing;
using GridService.Core.Chat;
using GridService.Notifier.Audiences;
using GridService.Notifier.Billing;
using GridService.Notifier.Managers;
using GridService.Notifier.Scheduling;
using GridService.Notifier.Tests.Notices;

namespace GridService.Notifier.Tests.Billing;

/// <summary>
/// A month of billing driven on a fake clock, hour by hour, the way the Quartz job runs: bills imported, the three
/// reminder stages, a payment stopping the rest, a disconnection notice only where the arrears are old enough and
/// the credit rating lets it go (credit A and a first notice of credit B held, the manager asked), a payment before
/// the cut-off that brings no reconnection message, and a Notifier down for most of a day whose missed reminder
/// goes out at the end of quiet hours.
/// </summary>
public sealed class BillingMonthTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, China);

    [Fact]
    public async Task Month_OfBilling_EachMessageGoesOnceOnItsDayAndOnlyToThoseStillOwing()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(11, 30, 0));
        using var files = new TempCsv();
        var bills = files.Write("bills.csv",
            "account_no,period,amount,paid,settled_on,due_on",
            "3101000007,2026-11,86.20,0.00,2026-12-01,2026-12-15", // owes all month: three reminders
            "3101000005,2026-11,120.00,0.00,2026-12-01,2026-12-15", // credit A: gentle wording
            "3101000010,2026-11,64.50,0.00,2026-12-01,2026-12-15", // pays after the first reminder
            "3101000012,2026-11,99.00,99.00,2026-12-01,2026-12-15", // paid before settlement: nothing
            "3101000004,2026-11,45.30,0.00,2026-12-01,2026-12-15", // no chat id: SMS
            "3101000014,2026-11,77.70,0.00,2026-12-01,2026-12-15", // opted out
            "3101000025,2026-10,150.00,0.00,2026-11-01,2026-11-15", // credit C, overdue > 30 days on 12-16: the notice, then pays before the cut-off
            "3101000020,2026-10,163.24,0.00,2026-11-01,2026-11-15", // credit B, first notice: held for the manager
            "3101000002,2026-10,880.00,0.00,2026-11-01,2026-11-15", // important (care home): held for a person
            "3101000003,2026-10,1200.00,0.00,2026-11-01,2026-11-15", // VIP shop with credit A: held
            "3101000021,2026-10,58.00,58.00,2026-11-01,2026-11-15"); // paid: no notice
        var imported = await notifier.Get<BillImporter>().ImportAsync(bills, new ImportProgress(TextWriter.Null, false), dryRun: false, CancellationToken.None);
        Assert.True(imported.Ok, string.Join("\n", imported.Errors.Select(e => e.Message)));
        Assert.Equal(11, imported.Written);
        await notifier.Get<PreferenceStore>().SetAsync("3101000014", new RecipientPreferences(OptedOut: true));

        foreach (var at in Hours(Local(11, 30, 0), Local(12, 31, 0)))
        {
            // Down from midnight to 22:30 on 12-06: the 09:00 reminder is caught up late, during quiet hours.
            if (at >= Local(12, 6, 0) && at < Local(12, 6, 22, 30)) continue;
            notifier.Time.SetUtcNow(at);
            if (at == Local(12, 3, 10)) await PayAsync(notifier, files, "P1203-001,3101000010,2026-11,64.50,2026-12-03 09:41");
            if (at == Local(12, 20, 10)) await PayAsync(notifier, files, "P1220-001,3101000025,2026-10,150.00,2026-12-20 09:15");
            await RunJobAsync(notifier);
            await notifier.DeliverAsync();
        }

        var sent = notifier.Sent;
        Assert.Equal(sent.Count, sent.Select(s => s.Message.Id).Distinct().Count());

        // Three stages for the customer who never pays, on the settlement day, +5 (caught up, held until 08:00) and +10.
        Assert.Equal(Local(12, 1, 9), TakenAt(sent, "3101000007", "2026-11", "reminder-1"));
        Assert.Equal(Local(12, 7, 8), TakenAt(sent, "3101000007", "2026-11", "reminder-2"));
        Assert.Equal(Local(12, 7, 8), Message(sent, "3101000007", "2026-11", "reminder-2").NotBefore);
        Assert.Equal(Local(12, 11, 9), TakenAt(sent, "3101000007", "2026-11", "reminder-3"));
        var first = Message(sent, "3101000007", "2026-11", "reminder-1");
        Assert.Equal(("simulator", "u-xfl-006", ""), (first.Channel, first.RecipientId, first.GroupId));
        Assert.Contains("陈秋菊", first.Text, StringComparison.Ordinal);
        Assert.Contains("以免产生违约金", first.Text, StringComparison.Ordinal);
        Assert.Contains("方便的时候", Message(sent, "3101000005", "2026-11", "reminder-1").Text, StringComparison.Ordinal);

        // The payment on 12-03 stops stages 2 and 3; a bill paid up front and an opted-out customer get nothing.
        Assert.True(Has(sent, "3101000010", "2026-11", "reminder-1"));
        Assert.False(Has(sent, "3101000010", "2026-11", "reminder-2") || Has(sent, "3101000010", "2026-11", "reminder-3"));
        Assert.DoesNotContain(sent, s => s.Message.Id.Contains("3101000012", StringComparison.Ordinal));
        Assert.DoesNotContain(sent, s => s.Message.Id.Contains("3101000014", StringComparison.Ordinal));
        Assert.Equal("3101000004", Message(sent, "3101000004", "2026-11", "reminder-3").RecipientId);

        // Disconnection notices only for arrears overdue more than 30 days, on 12-16, and only where credit lets them go:
        // credit C as scheduled; credit A, a first notice of credit B and the care home held, their manager asked privately.
        Assert.Equal(Local(12, 16, 9), TakenAt(sent, "3101000025", "2026-10", "disconnection"));
        var notice = Message(sent, "3101000025", "2026-10", "disconnection");
        Assert.StartsWith("【欠费停电通知】", notice.Text, StringComparison.Ordinal);
        Assert.Contains("暂停对您家的供电", notice.Text, StringComparison.Ordinal);
        Assert.Contains("回复“收到”", notice.Text, StringComparison.Ordinal);
        Assert.Contains("当天恢复供电", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("24小时", notice.Text, StringComparison.Ordinal);
        Assert.False(Has(sent, "3101000021", "2026-10", "disconnection"));
        foreach (var held in new[] { "3101000002", "3101000003", "3101000020" })
        {
            Assert.False(Has(sent, held, "2026-10", "disconnection"));
            Assert.Contains(await notifier.Get<BillingStore>().HeldAsync(), h => h.AccountNo == held && h.Period == "2026-10");
        }

        var asked = Assert.Single(notifier.ToStaff("wangjianhua"), m => m.Text.StartsWith("【待您决定】3户", StringComparison.Ordinal));
        Assert.Equal(Local(12, 16, 9), sent.Single(s => s.Message.Id == asked.Id).TakenAt.ToOffset(China));
        Assert.Contains("信用等级B，首次停电通知", asked.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(sent, s => s.Message.Id.EndsWith(":2026-10:reminder-1", StringComparison.Ordinal)); // long past when the month began

        // Paying on 12-20, before the cut-off, was never a disconnection: no reconnection message, nothing to confirm.
        Assert.False(Has(sent, "3101000025", "2026-10", "reconnection"));
        Assert.Null(await notifier.Get<DisconnectionReceipts>().GetAsync("3101000025"));

        // The opted-out customer's reminders are on record as skipped, not silently missing.
        var skipped = await notifier.Get<Outbox>().Statuses.GetAsync(ReminderStage.MessageId("3101000014", "2026-11", "reminder-1"));
        Assert.Equal(DeliveryState.Skipped, skipped?.State);
        Assert.Contains("opted out", skipped!.Reason, StringComparison.Ordinal);

        // Nothing personal went out at night.
        Assert.All(sent.Where(s => !ManagerAlerts.IsAlert(s.Message)), s => Assert.InRange(s.TakenAt.ToOffset(China).Hour, 8, 20));
    }

    // Every hour, as the job fires, plus the moment the Notifier comes back on 12-06.
    private static IEnumerable<DateTimeOffset> Hours(DateTimeOffset from, DateTimeOffset to)
    {
        var ticks = new List<DateTimeOffset> { Local(12, 6, 22, 30) };
        for (var at = from; at <= to; at = at.AddHours(1)) ticks.Add(at);
        return ticks.Order();
    }

    private static async Task RunJobAsync(TestNotifier notifier) =>
        await notifier.Get<ScheduledRun>().RunAsync(ReminderPlanner.JobName,
            async (window, ct) => (int)(await notifier.Get<ReminderPlanner>().RunAsync(window, ct)).Queued, CancellationToken.None);

    private static async Task PayAsync(TestNotifier notifier, TempCsv files, string row)
    {
        var path = files.Write($"payments-{Guid.NewGuid():N}.csv", "payment_id,account_no,period,amount,paid_at", row);
        var result = await notifier.Get<PaymentImporter>().ImportAsync(path, new ImportProgress(TextWriter.Null, false), dryRun: false, CancellationToken.None);
        Assert.True(result.Ok, string.Join("\n", result.Errors.Select(e => e.Message)));
    }

    private static bool Has(List<(OutboundMessage Message, DateTimeOffset TakenAt)> sent, string account, string period, string stage) =>
        sent.Any(s => s.Message.Id == ReminderStage.MessageId(account, period, stage));

    private static OutboundMessage Message(List<(OutboundMessage Message, DateTimeOffset TakenAt)> sent, string account, string period, string stage) =>
        Assert.Single(sent, s => s.Message.Id == ReminderStage.MessageId(account, period, stage)).Message;

    private static DateTimeOffset TakenAt(List<(OutboundMessage Message, DateTimeOffset TakenAt)> sent, string account, string period, string stage) =>
        Assert.Single(sent, s => s.Message.Id == ReminderStage.MessageId(account, period, stage)).TakenAt.ToOffset(China);
}
