using System.Globalization;
using GridService.Core.Billing;
using GridService.Core.Chat;
using GridService.Core.Domain;
using GridService.Core.Grid;
using GridService.Notifier.Billing;
using GridService.Notifier.Scheduling;
using GridService.Notifier.Tests.Notices;
using static GridService.Notifier.Tests.Billing.Billing;

namespace GridService.Notifier.Tests.Billing;

/// <summary>
/// The billing month on a fake clock where records and times are not what the plan assumed: a record that cannot be
/// rendered among a thousand good ones, bills imported after the send time, and payments made between queueing and
/// sending. Every customer gets what is right for them, on time, and nothing stale goes out.
/// </summary>
public sealed class BillingTruthTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private const int Good = 1_000;
    private const string Poisoned = "3109999999";

    private static string Account(int i) => (3_109_000_000L + i).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Month_PoisonedRecordAmongAThousand_GoodOnesGetEveryStageAndTheBadOneIsKeptWithItsReason()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(11, 30, 0));
        using var files = new TempCsv();
        var directory = notifier.Get<GridDirectory>();
        foreach (var chunk in Enumerable.Range(0, Good).Chunk(100))
        {
            await Task.WhenAll(chunk.Select(i => directory.SaveCustomerAsync(new Customer(Account(i), $"住户{i}", "13900000000", $"幸福里{i}号", "A01",
                "grp-xingfuli", null, "10kV城关线", "幸福里1号台区", Segment.Resident, CreditRating.C, "sms"))));
        }

        // A record no import would take any more (names are bounded), written straight into the directory: 17,000 characters.
        var bad = new Customer(Poisoned, new string('王', 17_000), "13900000000", "幸福里", "A01", "grp-xingfuli", null, "10kV城关线", "幸福里1号台区",
            Segment.Resident, CreditRating.C, "sms");
        await directory.SaveCustomerAsync(bad);
        await ImportBillsAsync(notifier, files, [.. Enumerable.Range(0, Good).Select(i => $"{Account(i)},2026-11,100.00,0.00,2026-12-01,2026-12-05"),
            $"{Poisoned},2026-11,100.00,0.00,2026-12-01,2026-12-05"]);

        var failedOn = new List<DateTimeOffset>();
        for (var at = Local(11, 30, 1); at <= Local(1, 6, 0, year: 2027); at = at.AddHours(1))
        {
            var report = await TickAsync(notifier, at);
            if (report?.Failed > 0) failedOn.Add(at);
            if (at == Local(12, 2, 10))
            {
                // The operator reads the failure, fixes the record and re-drives it: its reminder goes now.
                var failure = Assert.Single(await notifier.Get<BillingStore>().FailuresAsync());
                Assert.Equal((Poisoned, "2026-11", "reminder-1"), (failure.AccountNo, failure.Period, failure.Stage));
                Assert.Contains("LimitToString", failure.Reason, StringComparison.Ordinal);
                var record = await notifier.Get<Outbox>().Statuses.GetAsync(ReminderStage.MessageId(Poisoned, "2026-11", "reminder-1"));
                Assert.Equal(DeliveryState.Dead, record?.State);
                Assert.StartsWith("not rendered", record!.Reason, StringComparison.Ordinal);

                await directory.SaveCustomerAsync(bad with { Name = "王秀英" });
                Assert.Equal(1, await notifier.Get<ReminderPlanner>().RetryFailuresAsync(at));
                await notifier.DeliverAsync();
            }
        }

        // The poisoned record failed the first run only; the run went on and the watermark kept moving.
        Assert.Equal([Local(12, 1, 9)], failedOn);
        Assert.Equal(Local(1, 6, 0, year: 2027), await notifier.Get<Watermarks>().GetAsync(ReminderPlanner.JobName));
        Assert.Empty(await notifier.Get<BillingStore>().FailuresAsync());

        var sent = notifier.Sent.Select(s => s.Message.Id).ToHashSet(StringComparer.Ordinal);
        string[] stages = ["reminder-1", "reminder-2", "reminder-3", "disconnection"];
        var missing = Enumerable.Range(0, Good).SelectMany(i => stages.Select(s => ReminderStage.MessageId(Account(i), "2026-11", s)))
            .Where(id => !sent.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} good messages missing, e.g. {string.Join(", ", missing.Take(5))}");
        Assert.Equal(Local(12, 2, 10), Sent(notifier, Poisoned, "2026-11", "reminder-1").TakenAt);
        Assert.Contains("王秀英", Sent(notifier, Poisoned, "2026-11", "reminder-2").Message.Text, StringComparison.Ordinal);
        Assert.Equal(Local(1, 5, 9, year: 2027), Sent(notifier, Account(0), "2026-11", "disconnection").TakenAt);
    }

    [Fact]
    public async Task LateImports_AfterTheSendTimeGoTheSameDay_AtNightAfterQuietHours_AfterTheDayReported()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(11, 30, 0));
        using var files = new TempCsv();
        for (var at = Local(12, 1, 0); at <= Local(12, 1, 10); at = at.AddHours(1)) await TickAsync(notifier, at);

        // The billing export lands at 10:30 on settlement day, after the 09:00 send time: reminder-1 still goes today.
        notifier.Time.SetUtcNow(Local(12, 1, 10, 30));
        await ImportBillsAsync(notifier, files, "3101000007,2026-11,86.20,0.00,2026-12-01,2026-12-15");
        var late = await TickAsync(notifier, Local(12, 1, 10, 30));
        Assert.Equal(1, late!.Late);
        Assert.Equal(Local(12, 1, 10, 30), Sent(notifier, "3101000007", "2026-11", "reminder-1").TakenAt);

        // A second file at 22:00 adds a customer: same day, but it waits for quiet hours to end; the status says until when.
        notifier.Time.SetUtcNow(Local(12, 1, 22));
        await ImportBillsAsync(notifier, files, "3101000009,2026-11,120.00,0.00,2026-12-01,2026-12-15");
        await TickAsync(notifier, Local(12, 1, 22));
        var waiting = await notifier.Get<Outbox>().Statuses.GetAsync(ReminderStage.MessageId("3101000009", "2026-11", "reminder-1"));
        Assert.Equal((DeliveryState.Queued, Local(12, 2, 8)), (waiting!.State, waiting.NextAttemptAt!.Value.ToOffset(China)));
        Assert.Equal(Local(12, 2, 8), waiting.NotBefore!.Value.ToOffset(China));
        Assert.False(Has(notifier, "3101000009", "2026-11", "reminder-1"));
        for (var at = Local(12, 1, 23); at <= Local(12, 2, 9); at = at.AddHours(1)) await TickAsync(notifier, at);
        Assert.Equal(Local(12, 2, 8), Sent(notifier, "3101000009", "2026-11", "reminder-1").TakenAt);

        // A file the next morning for the same settlement day: its reminder-1 day is over. Reported, not sent, not lost
        // without a word; the next stage reaches that customer as usual.
        notifier.Time.SetUtcNow(Local(12, 2, 10));
        await ImportBillsAsync(notifier, files, "3101000011,2026-11,64.00,0.00,2026-12-01,2026-12-15");
        var missed = await TickAsync(notifier, Local(12, 2, 10));
        Assert.Equal(1, missed!.Missed);
        Assert.Equal(0, (await TickAsync(notifier, Local(12, 2, 11)))?.Missed ?? 0); // reported once
        Assert.False(Has(notifier, "3101000011", "2026-11", "reminder-1"));
        for (var at = Local(12, 2, 12); at <= Local(12, 6, 10); at = at.AddHours(1)) await TickAsync(notifier, at);
        Assert.Equal(Local(12, 6, 9), Sent(notifier, "3101000011", "2026-11", "reminder-2").TakenAt);
        Assert.Equal(Local(12, 6, 9), Sent(notifier, "3101000007", "2026-11", "reminder-2").TakenAt);
        Assert.Single(notifier.Sent, s => s.Message.Id == ReminderStage.MessageId("3101000007", "2026-11", "reminder-1"));
    }

    [Fact]
    public async Task PaymentBetweenQueueingAndSending_TheQueuedNoticeIsWithdrawnAsPaidAndNothingStaleGoesOut()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(12, 16, 20));
        using var files = new TempCsv();

        // Arrears overdue more than 30 days, imported at 22:30: the disconnection notice is decided today, held by quiet hours.
        notifier.Time.SetUtcNow(Local(12, 16, 22, 30));
        await ImportBillsAsync(notifier, files,
            "3101000025,2026-10,150.00,0.00,2026-11-01,2026-11-15",
            "3102000016,2026-10,98.00,0.00,2026-11-01,2026-11-15");
        await TickAsync(notifier, Local(12, 16, 22, 30));
        Assert.Empty(notifier.ToCustomers());
        Assert.NotNull(await notifier.Get<DisconnectionReceipts>().GetAsync("3101000025"));

        // One customer pays at 01:49.
        notifier.Time.SetUtcNow(Local(12, 17, 1, 49));
        await PayAsync(notifier, files, "P-0149,3101000025,2026-10,150.00,2026-12-17 01:49");
        for (var at = Local(12, 17, 2); at <= Local(12, 20, 12); at = at.AddHours(1)) await TickAsync(notifier, at);

        // At 08:00 the notice of the one who paid is withdrawn (cancelled: paid); the other one's goes.
        var withdrawn = Assert.Single(notifier.Withdrawn);
        Assert.Equal((ReminderStage.MessageId("3101000025", "2026-10", "disconnection"), BillingSendCheck.Paid), (withdrawn.Message.Id, withdrawn.Reason));
        var status = await notifier.Get<Outbox>().Statuses.GetAsync(withdrawn.Message.Id);
        Assert.Equal((DeliveryState.Cancelled, "paid"), (status!.State, status.Reason));
        Assert.Equal(Local(12, 17, 8), Sent(notifier, "3102000016", "2026-10", "disconnection").TakenAt);
        Assert.DoesNotContain(notifier.ToCustomers(), m => m.Id.Contains("3101000025", StringComparison.Ordinal)); // no notice, no reconnection
        Assert.Null(await notifier.Get<DisconnectionReceipts>().GetAsync("3101000025"));
    }
}
