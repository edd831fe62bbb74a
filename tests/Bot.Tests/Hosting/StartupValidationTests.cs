using GridService.Core.Hosting;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Tests.Hosting;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Queues:Inbound:PollInterval", "00:00:00", "Queues:Inbound:PollInterval")]
    [InlineData("Queues:Outbound:Concurrency", "-1", "Queues:Outbound:Concurrency")]
    [InlineData("Queues:Notices:MaxAttempts", "0", "Queues:Notices:MaxAttempts")]
    [InlineData("Bridge:MaxTextLength", "0", "MaxTextLength")]
    [InlineData("Channels:Staff", "", "Staff")]
    public async Task BadSetting_StopsStartUpNamingTheKey(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(new Dictionary<string, string> { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Configuration is not valid: ", HostRunner.Explain(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicBindWithoutToken_IsRefusedWithOneLine()
    {
        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => TestHost.StartAsync(new Dictionary<string, string> { ["urls"] = "http://0.0.0.0:0" }));

        Assert.Contains("Admin:Token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', HostRunner.Explain(error)!);
    }

    [Fact]
    public async Task PublicBindWithTokenButNoBridgeSecret_IsRefusedNamingTheSecret()
    {
        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => TestHost.StartAsync(
            new Dictionary<string, string> { ["urls"] = "http://0.0.0.0:0", ["Admin:Token"] = "t" }));

        Assert.Contains("Bridge:Secret", error.Message, StringComparison.Ordinal);
    }
}
