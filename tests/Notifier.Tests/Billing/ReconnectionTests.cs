using GridService.Core.Billing;
using GridService.Notifier.Billing;
using GridService.Notifier.Tests.Notices;
using static GridService.Notifier.Tests.Billing.Billing;

namespace GridService.Notifier.Tests.Billing;

/// <summary>
/// Disconnection and reconnection as they happen: a customer who pays before the cut-off is never told power is
/// back; one who is cut and pays is reconnected the same day and told when, once the crew records it; one not
/// restored by the end of that day brings an alert to the manager and the supervisor.
/// </summary>
public sealed class ReconnectionTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task PaidBeforeTheCutOff_NoReconnectionMessageAndSupplyMayNotBeCut()
    {
        await using var notifier = await NoticedAsync();
        using var files = new TempCsv();

        notifier.Time.SetUtcNow(Local(12, 20, 10));
        await PayAsync(notifier, files, "P-1,3101000025,2026-10,150.00,2026-12-20 09:40");
        for (var at = Local(12, 20, 11); at <= Local(12, 24, 0); at = at.AddHours(1)) await TickAsync(notifier, at);

        Assert.False(Has(notifier, "3101000025", "2026-10", "reconnection"));
        Assert.DoesNotContain(notifier.Sent, s => s.Message.Text.Contains("恢复供电", StringComparison.Ordinal) && !s.Message.Text.StartsWith("【欠费停电通知】", StringComparison.Ordinal));
        var (cut, refusal) = await notifier.Get<ReconnectionService>().DisconnectedAsync("3101000025", Local(12, 23, 9, 30), "crew");
        Assert.Null(cut);
        Assert.Equal(409, refusal?.Status);
        Assert.Empty(notifier.ToStaff("wangjianhua"));
    }

    [Fact]
    public async Task CutPaidAndRestoredTheSameDay_ToldTheRealTimeOnceTheCrewRecordsIt_ManagerAskedToReconnectToday()
    {
        await using var notifier = await NoticedAsync();
        using var files = new TempCsv();
        var reconnection = notifier.Get<ReconnectionService>();

        notifier.Time.SetUtcNow(Local(12, 23, 9, 40));
        Assert.Null((await reconnection.DisconnectedAsync("3101000025", Local(12, 23, 9, 30), "crew")).Refusal);
        notifier.Time.SetUtcNow(Local(12, 23, 10, 5));
        await PayAsync(notifier, files, "P-2,3101000025,2026-10,150.00,2026-12-23 10:00");
        await TickAsync(notifier, Local(12, 23, 10, 5));

        // Paid while cut: the manager is asked, privately, to reconnect today; the customer is told nothing yet.
        var ask = Assert.Single(notifier.ToStaff("wangjianhua"));
        Assert.StartsWith("【请今日复电】徐长林（户号3101000025", ask.Text, StringComparison.Ordinal);
        Assert.False(Has(notifier, "3101000025", "2026-10", "reconnection"));

        notifier.Time.SetUtcNow(Local(12, 23, 15, 10));
        var (told, refusal) = await reconnection.RestoredAsync("3101000025", Local(12, 23, 15), "crew");
        Assert.Null(refusal);
        Assert.True(told);
        for (var at = Local(12, 23, 16); at <= Local(12, 24, 9); at = at.AddHours(1)) await TickAsync(notifier, at);

        var (message, takenAt) = Sent(notifier, "3101000025", "2026-10", "reconnection");
        Assert.Equal(Local(12, 23, 16), takenAt);
        Assert.Contains("已于12月23日(周三) 10:00缴清", message.Text, StringComparison.Ordinal);
        Assert.Contains("您家已于12月23日(周三) 15:00恢复供电", message.Text, StringComparison.Ordinal);
        Assert.Single(notifier.ToStaff("wangjianhua")); // no "not restored" alert after midnight
    }

    [Fact]
    public async Task CutAndPaidButNotRestoredByTheEndOfTheDay_ManagerAndSupervisorAlerted()
    {
        await using var notifier = await NoticedAsync();
        using var files = new TempCsv();

        notifier.Time.SetUtcNow(Local(12, 23, 9, 40));
        Assert.Null((await notifier.Get<ReconnectionService>().DisconnectedAsync("3101000025", null, "crew")).Refusal);
        notifier.Time.SetUtcNow(Local(12, 23, 17, 20));
        await PayAsync(notifier, files, "P-3,3101000025,2026-10,150.00,2026-12-23 17:15");
        for (var at = Local(12, 23, 18); at <= Local(12, 24, 10); at = at.AddHours(1)) await TickAsync(notifier, at);

        var late = Assert.Single(notifier.ToStaff("wangjianhua"), m => m.Text.StartsWith("【复电超时】", StringComparison.Ordinal));
        Assert.Contains("12月23日(周三) 17:15缴清欠费", late.Text, StringComparison.Ordinal);
        Assert.Equal(Local(12, 24, 0), notifier.Sent.Single(s => s.Message.Id == late.Id).TakenAt.ToOffset(China));
        Assert.Single(notifier.ToStaff("sunlihong"), m => m.Text.StartsWith("【复电超时】", StringComparison.Ordinal));
        Assert.False(Has(notifier, "3101000025", "2026-10", "reconnection")); // nothing confirmed, nothing claimed
        Assert.NotNull((await notifier.Get<BillingStore>().GetSupplyCutAsync("3101000025"))?.AlertedAt);
    }

    // Credit C, 2026-10 arrears: the notice goes on 12-16 at 09:00, supply would be cut from 12-23 09:00.
    private async Task<TestNotifier> NoticedAsync()
    {
        var notifier = await TestNotifier.CreateAsync(fixture, Local(12, 16, 8));
        using var files = new TempCsv();
        await ImportBillsAsync(notifier, files, "3101000025,2026-10,150.00,0.00,2026-11-01,2026-11-15");
        await TickAsync(notifier, Local(12, 16, 8));
        await TickAsync(notifier, Local(12, 16, 9));
        Assert.Contains("12月23日(周三) 09:00", Sent(notifier, "3101000025", "2026-10", "disconnection").Message.Text, StringComparison.Ordinal);
        Assert.NotNull(await notifier.Get<DisconnectionReceipts>().GetAsync("3101000025"));
        return notifier;
    }
}
