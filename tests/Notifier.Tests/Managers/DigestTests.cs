using GridService.Core.Billing;
using GridService.Core.Digest;
using GridService.Core.Templates;
using GridService.Notifier.Managers;
using GridService.Notifier.Tests.Billing;
using GridService.Notifier.Tests.Notices;
using static GridService.Notifier.Tests.Billing.Billing;

namespace GridService.Notifier.Tests.Managers;

/// <summary>
/// What managers hear, in their own private chat on the staff channel: an alert the moment a notice is held for
/// them, and a daily digest with the orders, breaches and misses the Bot reports, the held notices, the notices
/// awaiting 收到, the visit list and the paid customers not yet reconnected. A digest missed while no Notifier ran
/// goes when one is back.
/// </summary>
public sealed class DigestTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task DigestAndAlerts_ArriveInTheManagersPrivateChatOnTheStaffChannel()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(12, 16, 8), new Dictionary<string, string?>
        {
            ["Channels:Staff"] = "wecom-app",
            ["WeCom:Apps:staff:CorpId"] = "ww-digest",
            ["WeCom:Apps:staff:Secret"] = "staff-secret",
            ["WeCom:Apps:staff:AgentId"] = "1000002",
            ["Alerts:DigestAt"] = "17:00:00",
        });
        using var files = new TempCsv();
        await ImportBillsAsync(notifier, files,
            "3101000006,2026-10,90.00,0.00,2026-11-01,2026-11-15", // credit A: held
            "3101000025,2026-10,150.00,0.00,2026-11-01,2026-11-15", // credit C: noticed, never confirms
            "3101000014,2026-10,77.70,0.00,2026-11-01,2026-11-15", // credit C: noticed, replies 收到
            "3102000016,2026-10,98.00,0.00,2026-11-01,2026-11-15"); // credit C, another area
        await TickAsync(notifier, Local(12, 16, 8));
        await TickAsync(notifier, Local(12, 16, 9));
        Assert.NotNull(await notifier.Get<DisconnectionReceipts>().ConfirmAsync("3101000014", "customer"));

        // The held notice: an alert at once, privately to the area manager on the staff channel.
        var alert = Assert.Single(notifier.ToStaff("wangjianhua"));
        Assert.Equal(("wecom-app", "", ManagerAlerts.Kind), (alert.Channel, alert.GroupId, alert.Kind));
        Assert.Contains("【待您决定】1户", alert.Text, StringComparison.Ordinal);

        // Hourly until 16:00 on 12-17 (12-16's digest goes at 17:00), then down, back at 19:30: 12-17's goes then, once.
        for (var at = Local(12, 16, 10); at <= Local(12, 17, 16); at = at.AddHours(1))
        {
            await TickAsync(notifier, at);
            Assert.True(await RunDigestAsync(notifier));
            await notifier.DeliverAsync();
        }

        Assert.Single(notifier.ToStaff("wangjianhua"), m => m.Id == "digest:A01:2026-12-16:wangjianhua");
        notifier.Time.SetUtcNow(Local(12, 17, 19, 30));
        // The Bot's half of the digest, as its publisher left it a minute ago (the Bot kept running).
        await notifier.Get<DigestFeed>().PublishAsync(new AreaDigestFeed("A01", Local(12, 17, 19, 29), 2,
            [Order("GD20261217-0003", Local(12, 17, 18)), Order("GD20261215-0001", Local(12, 17, 12))],
            [Order("GD20261215-0001", Local(12, 17, 12))],
            [new MissedQuestion { GroupName = "幸福里社区用电服务群", AskedAt = Local(12, 17, 10), AskerName = "", Question = "楼道灯坏了归谁管" }]));

        Assert.True(await RunDigestAsync(notifier));
        Assert.True(await RunDigestAsync(notifier));
        await notifier.DeliverAsync();

        Assert.Equal(2, notifier.ToStaff("wangjianhua").Count(m => m.Kind == ManagerDigest.Kind));
        var digest = Assert.Single(notifier.ToStaff("wangjianhua"), m => m.Id == "digest:A01:2026-12-17:wangjianhua");
        Assert.Equal(("wecom-app", ""), (digest.Channel, digest.GroupId));
        Assert.Equal(Local(12, 17, 19, 30), notifier.Sent.Single(s => s.Message.Id == digest.Id).TakenAt.ToOffset(China));
        Assert.StartsWith("【每日简报】12月17日(周四)", digest.Text, StringComparison.Ordinal);
        foreach (var fact in new[]
        {
            "今日新增2件，未办结2件，超时1件", "GD20261215-0001", "楼道灯坏了归谁管", "待您决定1户", "陆宇航（户号3101000006）",
            "需上门送达1户", "徐长林（户号3101000025）城关镇幸福里小区1号楼1单元502", "待回复“收到”0户",
        })
        {
            Assert.Contains(fact, digest.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("3101000014", digest.Text, StringComparison.Ordinal); // confirmed: nothing to do
        Assert.DoesNotContain("3102000016", digest.Text, StringComparison.Ordinal); // another area's customer
        Assert.Single(notifier.ToStaff("liuchunmei"), m => m.Id == "digest:A02:2026-12-17:liuchunmei");
    }

    private static DigestOrder Order(string id, DateTimeOffset deadline) =>
        new() { OrderNo = id, TypeName = "故障报修", Deadline = deadline, Status = "处理中", Summary = "5号楼停电" };
}
