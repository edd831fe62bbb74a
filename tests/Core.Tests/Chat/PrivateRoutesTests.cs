using GridService.Core.Chat;
using GridService.Core.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GridService.Core.Tests.Chat;

/// <summary>The one place that decides whether and how a person is reached privately.</summary>
public sealed class PrivateRoutesTests
{
    private static readonly InboundMessage InGroup = new("m1", ChannelNames.Bridge, "g1", "u1", "u1", "余额", true, null, DateTimeOffset.UnixEpoch);

    private static PrivateRoutes Routes(Dictionary<string, string?>? settings = null) =>
        new(Options.Create(new ChannelOptions()), new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());

    private static ChatGroup Group(string channel, string id = "g1") => new(id, "A01", "群", "小电", ["m"], channel);

    [Theory]
    [InlineData(ChannelNames.WeComRobot)]
    [InlineData(ChannelNames.WeComCustomerGroup)]
    [InlineData(ChannelNames.WeComAiBot)]
    public void ToCustomer_GroupChannelThatCannotWriteToOnePerson_Null(string channel) =>
        Assert.Null(Routes(new() { ["WeCom:AiBots:grid:Token"] = "t" }).ToCustomer(InGroup, Group(channel)));

    [Fact]
    public void ToCustomer_AiBotGroupOnALongConnection_PushesToThePerson()
    {
        var routes = Routes(new() { ["WeCom:AiBots:lc:Mode"] = "long-connection", ["WeCom:AiBots:lc:Groups:wrk1"] = "g1" });

        Assert.Equal(ChannelNames.WeComAiBot, routes.ToCustomer(InGroup, Group(ChannelNames.WeComAiBot)));
    }

    [Fact]
    public void ToCustomer_BridgeGroupWithoutOutboundUrl_TheSimulator() =>
        Assert.Equal(ChannelNames.Simulator, Routes().ToCustomer(InGroup, Group(ChannelNames.Bridge)));

    [Fact]
    public void LongConnectionFor_MappedChat_BotAndChatId()
    {
        var routing = new AiBotRouting(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeCom:AiBots:cb:Token"] = "t",
            ["WeCom:AiBots:lc:Mode"] = "long-connection",
            ["WeCom:AiBots:lc:Groups:wrk-1"] = "grp-a",
        }).Build());

        Assert.Equal(("lc", "wrk-1"), routing.LongConnectionFor("grp-a"));
        Assert.Null(routing.LongConnectionFor("grp-b")); // two bots: an unmapped group is nobody's
    }

    [Theory]
    [InlineData("wecom-robot", "cannot write to one person")]
    [InlineData("wecom-customer-group", "cannot write to one person")]
    [InlineData("wechat", "names no channel")]
    public void ChannelOptions_StaffOnAChannelThatCannotReachThem_RefusedNamingTheSetting(string channel, string says)
    {
        var result = new ChannelOptionsValidator().Validate(null, new ChannelOptions { Staff = channel });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Channels:Staff '{channel}'", failure, StringComparison.Ordinal);
        Assert.Contains(says, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void LongConnectionAddress_RoundTrips()
    {
        var address = new LongConnectionAddress("lc", "srv_1/=x", "wrk/1", true, DateTimeOffset.FromUnixTimeMilliseconds(1733300000123));

        Assert.True(LongConnectionAddress.TryParse(address.Format(), out var parsed));
        Assert.Equal(address, parsed);
        Assert.False(LongConnectionAddress.TryParse("https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=1", out _));
    }
}
