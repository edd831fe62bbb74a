using GridService.Core.Chat;
using GridService.Core.Hosting;
using GridService.Notifier.Billing;
using GridService.Notifier.Tests.Notices;
using Microsoft.Extensions.Configuration;
using static GridService.Notifier.Tests.Billing.Billing;

namespace GridService.Notifier.Tests.Billing;

/// <summary>
/// A command-line tool that queues messages routes them as the running host does (its published settings), never
/// with its own appsettings; without a host's settings it refuses rather than guess.
/// </summary>
public sealed class CliSettingsTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task ImportSupply_FromTheCli_ReconnectionGoesOnTheHostsChannelNotTheToolsDefault()
    {
        // The host maps customers who prefer WeCom to the bridge; the tool's own configuration maps them to the simulator.
        await using var host = await TestNotifier.CreateAsync(fixture, Local(11, 15, 8), new Dictionary<string, string?>
        {
            ["Audiences:Channels:wecom"] = "bridge",
            ["Bridge:OutboundUrl"] = "http://127.0.0.1:9/outbound",
        });
        await host.Get<HostSettings>().PublishAsync(host.Get<IConfiguration>(), host.Time.GetUtcNow());
        using var files = new TempCsv();
        await ImportBillsAsync(host, files, "3101000025,2026-09,150.00,0.00,2026-10-01,2026-10-15");
        await TickAsync(host, Local(11, 15, 8));
        await TickAsync(host, Local(11, 15, 9));
        Assert.Equal("bridge", Sent(host, "3101000025", "2026-09", "disconnection").Message.Channel);
        host.Time.SetUtcNow(Local(11, 22, 10));
        Assert.Null((await host.Get<ReconnectionService>().DisconnectedAsync("3101000025", Local(11, 22, 9, 30), "crew")).Refusal);
        await PayAsync(host, files, "P-9,3101000025,2026-09,150.00,2026-11-22 10:05");

        var supply = files.Write("supply.csv", "account_no,event,at", "3101000025,restored,2026-11-22 15:00");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BillingCli.ImportAsync(["import", "supply", supply, .. StoreArgs(host)], output, error, CancellationToken.None);

        Assert.True(code == 0, output + "\n" + error);
        Assert.Contains("1 supply records applied", output.ToString(), StringComparison.Ordinal);
        var record = await host.Get<Outbox>().Statuses.GetAsync(ReminderStage.MessageId("3101000025", "2026-09", "reconnection"));
        Assert.Equal("bridge", record?.Channel);
    }

    [Fact]
    public async Task ImportPayments_NoHostEverPublishedItsSettings_RefusesAndChangesNothing()
    {
        await using var host = await TestNotifier.CreateAsync(fixture, Local(11, 15, 8));
        using var files = new TempCsv();
        await ImportBillsAsync(host, files, "3101000025,2026-09,150.00,0.00,2026-10-01,2026-10-15");
        var payments = files.Write("payments.csv", "payment_id,account_no,period,amount,paid_at", "P-1,3101000025,2026-09,150.00,2026-11-22 10:05");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BillingCli.ImportAsync(["import", "payments", payments, .. StoreArgs(host)], output, error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("published its delivery settings", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(150.00m, (await host.Get<Core.Grid.GridDirectory>().GetBillAsync("3101000025", "2026-09"))?.Outstanding);
    }

    private string[] StoreArgs(TestNotifier host) =>
        ["--ConnectionStrings:Redis", fixture.Connection.Configuration, "--Store:KeyPrefix", host.Store.Prefix];
}
