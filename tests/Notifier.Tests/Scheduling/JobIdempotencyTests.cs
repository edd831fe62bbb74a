using GridService.Core.Chat;
using GridService.Notifier.Billing;
using GridService.Notifier.Notices;
using GridService.Notifier.Scheduling;
using GridService.Notifier.Tests.Billing;
using GridService.Notifier.Tests.Notices;

namespace GridService.Notifier.Tests.Scheduling;

/// <summary>Jobs fired twice, or by two Notifiers at once, queue every message once.</summary>
public sealed class JobIdempotencyTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset SettlementMorning = new(2026, 12, 1, 9, 0, 0, China);

    [Fact]
    public async Task BillingJob_FiredTwice_QueuesEachReminderOnce()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, SettlementMorning.AddHours(-1));
        await ImportBillsAsync(notifier);
        notifier.Time.SetUtcNow(SettlementMorning);

        await RunBillingAsync(notifier);
        await RunBillingAsync(notifier);
        // Even a run that ignores the watermark (a crash before it moved) finds the messages already queued.
        var again = await notifier.Get<ReminderPlanner>().RunAsync(
            new ScheduleWindow(SettlementMorning.AddHours(-1), SettlementMorning.AddHours(-1), SettlementMorning), CancellationToken.None);

        Assert.Equal((0, 3), (again.Queued, again.Repeats));
        Assert.Equal(3, (await notifier.Get<Outbox>().Queue.CountsAsync()).Ready);
    }

    [Fact]
    public async Task BillingJob_TwoNotifiersSideBySide_QueueEachReminderOnce()
    {
        await using var first = await TestNotifier.CreateAsync(fixture, SettlementMorning.AddHours(-1));
        await using var second = await TestNotifier.CreateAsync(fixture, SettlementMorning.AddHours(-1), sharedWith: first);
        await ImportBillsAsync(first);
        first.Time.SetUtcNow(SettlementMorning);
        second.Time.SetUtcNow(SettlementMorning);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => RunBillingAsync(i % 2 == 0 ? first : second)));
        var delivered = await first.DeliverAsync();

        Assert.Equal(3, delivered.Count);
        Assert.Equal(3, delivered.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task NoticeJob_FiredTwiceAndRequestHandledTwice_PostsOnce()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, new DateTimeOffset(2026, 12, 1, 10, 0, 0, China));
        var id = await NoticeMonthTests.CreateAsync(notifier, new NoticeBody("planned-outage", ["A02"], "2026-12-20 08:00", "2026-12-20 12:00", "检修"));
        notifier.Time.SetUtcNow(new DateTimeOffset(2026, 12, 13, 9, 0, 0, China));

        var planner = notifier.Get<NoticePlanner>();
        await Task.WhenAll(planner.RunAsync(notifier.Time.GetUtcNow(), CancellationToken.None), planner.RunAsync(notifier.Time.GetUtcNow(), CancellationToken.None));
        await notifier.Get<NoticeDispatcher>().DispatchAsync(new Core.Notices.NoticeRequest(id, Core.Notices.NoticeStage.Announce, "test"), CancellationToken.None);
        await notifier.DispatchNoticesAsync();

        var post = Assert.Single(await notifier.DeliverAsync());
        Assert.Equal(("planned-outage", "grp-liulin"), (post.Kind, post.GroupId));
    }

    [Fact]
    public async Task BillingJob_DownLongerThanTheHorizon_SkipsWhatIsTooLateAndSendsTheLatestStage()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, SettlementMorning.AddHours(-1));
        await ImportBillsAsync(notifier);
        await RunBillingAsync(notifier); // sets the watermark before settlement day
        notifier.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 10, 0, 0, China)); // back six days later

        await RunBillingAsync(notifier);
        var delivered = await notifier.DeliverAsync();

        // reminder-1 (12-01) is past the 2-day horizon; reminder-2 (12-06) is within it and goes, once per bill.
        Assert.Equal(3, delivered.Count);
        Assert.All(delivered, m => Assert.Equal("reminder-2", m.Kind));
    }

    internal static async Task ImportBillsAsync(TestNotifier notifier)
    {
        using var files = new TempCsv();
        var path = files.Write("bills.csv", "account_no,period,amount,paid,settled_on,due_on",
            "3101000007,2026-11,86.20,0.00,2026-12-01,2026-12-15",
            "3101000008,2026-11,45.00,0.00,2026-12-01,2026-12-15",
            "3101000009,2026-11,66.00,0.00,2026-12-01,2026-12-15",
            "3101000011,2026-11,66.00,66.00,2026-12-01,2026-12-15");
        Assert.True((await notifier.Get<BillImporter>().ImportAsync(path, new ImportProgress(TextWriter.Null, false), false, CancellationToken.None)).Ok);
    }

    private static Task<bool> RunBillingAsync(TestNotifier notifier) =>
        notifier.Get<ScheduledRun>().RunAsync(ReminderPlanner.JobName,
            async (window, ct) => (int)(await notifier.Get<ReminderPlanner>().RunAsync(window, ct)).Queued, CancellationToken.None);
}
