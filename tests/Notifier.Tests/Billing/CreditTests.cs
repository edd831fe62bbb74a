using GridService.Notifier.Billing;
using GridService.Notifier.Tests.Notices;
using static GridService.Notifier.Tests.Billing.Billing;

namespace GridService.Notifier.Tests.Billing;

/// <summary>
/// Credit before cutting (seed 004): credit A's disconnection notice waits for a person, credit B's is softened and
/// waits the first time, credit C's goes as scheduled; an area may set its own rule.
/// </summary>
public sealed class CreditTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task DisconnectionNotice_ByCredit_AHeldBHeldTheFirstTimeThenSoftenedCAsScheduled_AreaRuleApplies()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Local(12, 16, 8), new Dictionary<string, string?>
        {
            ["Billing:AreaCredit:A02:C"] = "Hold", // 柳林村 reviews every notice
        });
        using var files = new TempCsv();
        await ImportBillsAsync(notifier, files,
            "3101000006,2026-10,90.00,0.00,2026-11-01,2026-11-15", // resident, credit A
            "3101000007,2026-10,86.20,0.00,2026-11-01,2026-11-15", // resident, credit B, no notice before
            "3101000025,2026-10,150.00,0.00,2026-11-01,2026-11-15", // resident, credit C
            "3102000016,2026-10,98.00,0.00,2026-11-01,2026-11-15"); // resident, credit C, in A02
        await TickAsync(notifier, Local(12, 16, 8));
        await TickAsync(notifier, Local(12, 16, 9));

        var standard = Sent(notifier, "3101000025", "2026-10", "disconnection").Message.Text;
        Assert.Contains("我们将暂停对您家的供电", standard, StringComparison.Ordinal);
        Assert.DoesNotContain("我们理解", standard, StringComparison.Ordinal);
        var held = (await notifier.Get<BillingStore>().HeldAsync()).ToDictionary(h => h.AccountNo, h => h.Why);
        Assert.Equal(["3101000006", "3101000007", "3102000016"], held.Keys.Order());
        Assert.Equal("credit A", held["3101000006"]);
        Assert.Equal("credit B, first notice", held["3101000007"]);
        Assert.Equal("credit C", held["3102000016"]);
        Assert.Single(notifier.ToStaff("wangjianhua"), m => m.Text.StartsWith("【待您决定】2户", StringComparison.Ordinal));
        Assert.Single(notifier.ToStaff("liuchunmei"), m => m.Text.StartsWith("【待您决定】1户", StringComparison.Ordinal));

        // The manager releases credit B's first notice: it goes softened. A later schedule change does not hold it again.
        Assert.True(await notifier.Get<HeldNoticeService>().ReleaseAsync("3101000007", "2026-10", "wangjianhua"));
        await notifier.DeliverAsync();
        Assert.Contains("我们理解可能遇到了一些困难", Sent(notifier, "3101000007", "2026-10", "disconnection").Message.Text, StringComparison.Ordinal);
        await using (var moved = await TestNotifier.CreateAsync(fixture, Local(12, 17, 9), new Dictionary<string, string?>
        {
            ["Billing:Disconnection:OverdueAfter"] = "31.00:00:00",
        }, sharedWith: notifier))
        {
            await TickAsync(moved, Local(12, 17, 9));
            Assert.DoesNotContain(await moved.Get<BillingStore>().HeldAsync(), h => h.AccountNo == "3101000007");
        }

        // Next month credit B is not new to this: the notice goes as scheduled, still softened.
        notifier.Time.SetUtcNow(Local(1, 15, 8, year: 2027));
        await ImportBillsAsync(notifier, files, "3101000007,2026-11,91.00,0.00,2026-12-01,2026-12-15");
        await TickAsync(notifier, Local(1, 15, 8, year: 2027));
        await TickAsync(notifier, Local(1, 15, 9, year: 2027));
        Assert.Contains("我们理解可能遇到了一些困难", Sent(notifier, "3101000007", "2026-11", "disconnection").Message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await notifier.Get<BillingStore>().HeldAsync(), h => h.AccountNo == "3101000007" && h.Period == "2026-11");
    }
}
