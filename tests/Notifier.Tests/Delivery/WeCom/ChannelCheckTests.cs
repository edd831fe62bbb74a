using GridService.Core.Hosting;
using GridService.Notifier.Tests.Notices;

namespace GridService.Notifier.Tests.Delivery.WeCom;

/// <summary>A Notifier whose private messages would have no way out refuses to start, with one line naming the setting.</summary>
public sealed class ChannelCheckTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("Channels:Staff", "wecom-app", "Channels:Staff 'wecom-app' cannot be used: no app can send")]
    [InlineData("Channels:Staff", "wecom-aibot", "Channels:Staff 'wecom-aibot' cannot be used: an AI bot on callbacks only")]
    [InlineData("Delivery:AlertChannel", "wecom-customer-group", "Delivery:AlertChannel 'wecom-customer-group' cannot be used")]
    [InlineData("Audiences:Channels:wecom", "wecom-app", "Audiences:Channels:wecom 'wecom-app' cannot be used: app messages reach only your corp's members")]
    [InlineData("Audiences:Channels:sms", "fax", "Audiences:Channels:sms 'fax' has no sender")]
    public async Task Start_PrivateChannelWithNoWayOut_RefusedInOneLineNamingTheSetting(string key, string value, string says)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => NotifierWebHost.StartAsync(fixture, Now, new Dictionary<string, string> { [key] = value }));

        var line = HostRunner.Explain(error);
        Assert.NotNull(line);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public async Task Start_StaffOnAConfiguredApp_Starts()
    {
        await using var host = await NotifierWebHost.StartAsync(fixture, Now, new Dictionary<string, string>
        {
            ["Channels:Staff"] = "wecom-app",
            ["WeCom:Apps:staff:CorpId"] = "ww1",
            ["WeCom:Apps:staff:Secret"] = "s",
            ["WeCom:Apps:staff:AgentId"] = "1000002",
        });
    }
}
