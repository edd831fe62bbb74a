using Microsoft.Extensions.Options;

namespace GridService.Bot.Tests.Channels.WeCom;

public sealed class WeComOptionsTests
{
    [Fact]
    public async Task Start_AiBotKeyOfWrongLength_StopsStartUpNamingTheSetting()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string>
        {
            ["WeCom:AiBots:grid:Token"] = "abc123",
            ["WeCom:AiBots:grid:EncodingAESKey"] = "tooShortKey",
        }));

        Assert.Contains("WeCom:AiBots:grid:EncodingAESKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("43 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EveryBadValue_IsNamedByItsKey()
    {
        var options = new GridService.Bot.Channels.WeCom.WeComOptions
        {
            AiBots = { ["bad name!"] = new() { Token = "", EncodingAESKey = new string('A', 43), Groups = { ["chat1"] = " " } } },
            Apps = { ["staff"] = new() { Token = "tok", EncodingAESKey = "x", CorpId = "" } },
        };

        var result = new GridService.Bot.Channels.WeCom.WeComOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("WeCom:AiBots:bad name!: the name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("WeCom:AiBots:bad name!:Token", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("WeCom:AiBots:bad name!:Groups:chat1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("WeCom:Apps:staff:EncodingAESKey", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("WeCom:Apps:staff:CorpId", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.StartsWith("WeCom:AiBots:bad name!:EncodingAESKey", StringComparison.Ordinal));
    }
}
