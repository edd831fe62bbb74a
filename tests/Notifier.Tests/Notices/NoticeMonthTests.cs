using GridService.Notifier.Notices;
using GridService.Notifier.Scheduling;

namespace GridService.Notifier.Tests.Notices;

/// <summary>A planned outage driven on a fake clock hour by hour: announced 7 days before, reminded the day before, restored after.</summary>
public sealed class NoticeMonthTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, China);

    [Fact]
    public async Task PlannedOutage_OnATransformer_GroupAndItsCustomersToldSevenDaysAndOneDayBeforeAndRestoredAfter()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(11, 30, 10));
        var id = await CreateAsync(notifier, new NoticeBody("planned-outage", ["A02"], "2026-12-20 08:00", "2026-12-20 12:00", "更换2号台区变压器",
            Transformers: ["柳林村2号台区"]));

        for (var at = Local(11, 30, 11); at <= Local(12, 21, 0); at = at.AddHours(1))
        {
            notifier.Time.SetUtcNow(at);
            if (at == Local(12, 20, 11)) Assert.Null((await notifier.Get<NoticeService>().RestoreAsync(id, Local(12, 20, 10, 50), "test")).Refusal);
            await TickAsync(notifier);
        }

        var sent = notifier.Sent;
        Assert.Equal(sent.Count, sent.Select(s => s.Message.Id).Distinct().Count());
        var group = sent.Where(s => s.Message.GroupId == "grp-liulin").ToList();
        Assert.Equal(["planned-outage", "planned-outage-reminder", "restoration"], group.Select(s => s.Message.Kind));
        Assert.Equal([Local(12, 13, 9), Local(12, 19, 9), Local(12, 20, 11)], group.Select(s => s.TakenAt.ToOffset(China)));
        Assert.Contains("更换2号台区变压器", group[0].Message.Text, StringComparison.Ordinal);
        Assert.Contains("10:50", group[2].Message.Text, StringComparison.Ordinal);

        // Customers on the transformer are told privately at every stage, on their own channel; others are not.
        foreach (var (account, recipient) in new[] { ("3102000009", "u-ll-007"), ("3102000004", "3102000004") })
        {
            var theirs = sent.Where(s => s.Message.Id.EndsWith(":c:" + account, StringComparison.Ordinal)).ToList();
            Assert.Equal(["planned-outage", "planned-outage-reminder", "restoration"], theirs.Select(s => s.Message.Kind));
            Assert.All(theirs, s => Assert.Equal((recipient, ""), (s.Message.RecipientId, s.Message.GroupId)));
        }

        Assert.DoesNotContain(sent, s => s.Message.Id.EndsWith(":c:3102000001", StringComparison.Ordinal)); // 1号台区
        Assert.All(sent, s => Assert.Equal(id, s.Message.NoticeId));
    }

    [Fact]
    public async Task Amend_AfterTheAnnouncement_EveryoneWhoGotItIsToldAndTheReminderFollowsTheNewDay()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(12, 1, 10));
        var id = await CreateAsync(notifier, new NoticeBody("planned-outage", ["A01"], "2026-12-05 08:00", "2026-12-05 12:00", "线路检修",
            Lines: ["10kV城关线"]));
        await TickAsync(notifier); // less than 7 days ahead: announced at once
        var announced = notifier.Sent.Where(s => s.Message.Kind == "planned-outage").Select(s => s.Message.GroupId + s.Message.RecipientId).ToHashSet();
        Assert.Contains("grp-xingfuli", announced);
        Assert.True(announced.Count > 10);

        notifier.Time.SetUtcNow(Local(12, 2, 15));
        var (amended, refusal) = await notifier.Get<NoticeService>().AmendAsync(id, Local(12, 9, 8), Local(12, 9, 12), null, "4日有雨雪，不宜施工", "test");
        Assert.Null(refusal);
        await TickAsync(notifier);
        for (var at = Local(12, 3, 0); at <= Local(12, 9, 7); at = at.AddHours(1))
        {
            notifier.Time.SetUtcNow(at);
            await TickAsync(notifier);
        }

        var changes = notifier.Sent.Where(s => s.Message.Kind == "outage-amended").ToList();
        Assert.Equal(announced, changes.Select(s => s.Message.GroupId + s.Message.RecipientId).ToHashSet());
        Assert.Contains("4日有雨雪", changes[0].Message.Text, StringComparison.Ordinal);
        Assert.Contains("12月5日", changes[0].Message.Text, StringComparison.Ordinal); // what was announced before
        var reminders = notifier.Sent.Where(s => s.Message.Kind == "planned-outage-reminder" && s.Message.GroupId == "grp-xingfuli").ToList();
        Assert.Equal([Local(12, 8, 9)], reminders.Select(s => s.TakenAt.ToOffset(China)));
        Assert.Equal(amended!.Start, Local(12, 9, 8));
    }

    [Fact]
    public async Task Cancel_AfterTheAnnouncement_EveryoneWhoGotItIsToldAndNoReminderFollows()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(12, 1, 10));
        var id = await CreateAsync(notifier, new NoticeBody("planned-outage", ["A03"], "2026-12-04 09:00", "2026-12-04 11:00", "更换电杆"));
        await TickAsync(notifier);

        Assert.Null((await notifier.Get<NoticeService>().CancelAsync(id, "施工队伍调整", "test")).Refusal);
        for (var at = Local(12, 1, 11); at <= Local(12, 4, 12); at = at.AddHours(1))
        {
            notifier.Time.SetUtcNow(at);
            await TickAsync(notifier);
        }

        Assert.Equal(["planned-outage", "outage-cancelled"], notifier.Sent.Select(s => s.Message.Kind));
        Assert.All(notifier.Sent, s => Assert.Equal("grp-shimen", s.Message.GroupId));
        Assert.Equal(409, (await notifier.Get<NoticeService>().RestoreAsync(id, null, "test")).Refusal?.Status);
    }

    [Fact]
    public async Task FaultOutage_Created_PostedAtOnceEvenAtNight()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(12, 1, 23, 40));
        await CreateAsync(notifier, new NoticeBody("fault-outage", ["A02"], "2026-12-01 23:30", "2026-12-02 03:00", "大风刮断导线"));

        await TickAsync(notifier);

        var post = Assert.Single(notifier.Sent);
        Assert.Equal(("fault-outage", "grp-liulin", true), (post.Message.Kind, post.Message.GroupId, post.Message.Critical));
        Assert.Null(post.Message.NotBefore);
    }

    [Fact]
    public async Task PlannedNotice_CreatedAtNight_WaitsForTheMorningUnlessTheOutageStartsFirst_FaultsGoAtOnce()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(12, 10, 1, 31));
        await notifier.Get<GridService.Notifier.Audiences.PreferenceStore>().SetAsync("3102000009", new GridService.Notifier.Audiences.RecipientPreferences(QuietHours: "off"));

        // Created at 01:31 for the day after tomorrow: its announcement is due at once, but nobody gets it at night.
        var planned = await CreateAsync(notifier, new NoticeBody("planned-outage", ["A02"], "2026-12-12 08:00", "2026-12-12 12:00", "更换2号台区变压器",
            Transformers: ["柳林村2号台区"]));
        // Created at 01:31 for 06:30 today: people must hear before it starts, so it goes now.
        var early = await CreateAsync(notifier, new NoticeBody("planned-outage", ["A03"], "2026-12-10 06:30", "2026-12-10 09:00", "抢修前的计划停电"));
        var fault = await CreateAsync(notifier, new NoticeBody("fault-outage", ["A01"], "2026-12-10 01:20", "2026-12-10 04:00", "电缆故障"));
        await TickAsync(notifier);

        var now = notifier.Sent.Select(s => s.Message).ToList();
        Assert.Contains(now, m => m.NoticeId == fault && m.GroupId == "grp-xingfuli");
        Assert.Contains(now, m => m.NoticeId == early && m.GroupId == "grp-shimen");
        Assert.Equal(["u-ll-007"], now.Where(m => m.NoticeId == planned).Select(m => m.RecipientId)); // the one who turned quiet hours off
        var waiting = await notifier.Get<GridService.Core.Chat.Outbox>().Statuses.GetAsync(NoticeDispatcher.MessageId(planned, "Announce", "g:grp-liulin"));
        Assert.Equal(Local(12, 10, 8), waiting?.NextAttemptAt?.ToOffset(China));

        for (var at = Local(12, 10, 2); at <= Local(12, 10, 9); at = at.AddHours(1))
        {
            notifier.Time.SetUtcNow(at);
            await TickAsync(notifier);
        }

        var morning = notifier.Sent.Where(s => s.Message.NoticeId == planned && s.Message.RecipientId != "u-ll-007").ToList();
        Assert.Contains(morning, s => s.Message.GroupId == "grp-liulin");
        Assert.Contains(morning, s => s.Message.RecipientId == "3102000004"); // SMS customer on the transformer
        Assert.All(morning, s => Assert.Equal(Local(12, 10, 8), s.TakenAt.ToOffset(China)));
    }

    internal static async Task<string> CreateAsync(TestNotifier notifier, NoticeBody body)
    {
        var (input, errors) = await notifier.Get<NoticeBodyValidator>().ValidateAsync(body);
        Assert.True(input is not null, string.Join("; ", errors.SelectMany(e => e.Value)));
        var (notice, _, refusal) = await notifier.Get<NoticeService>().CreateAsync(input, "test");
        Assert.Null(refusal);
        return notice!.Id;
    }

    // One firing of the schedule, the notice worker's step, and the delivery worker's take.
    private static async Task TickAsync(TestNotifier notifier)
    {
        await notifier.Get<ScheduledRun>().RunAsync(NoticePlanner.JobName,
            (window, ct) => notifier.Get<NoticePlanner>().RunAsync(window.To, ct), CancellationToken.None);
        await notifier.DispatchNoticesAsync();
        await notifier.DeliverAsync();
    }
}
