using GridService.Core.Hosting;
using Microsoft.Extensions.Configuration;

namespace GridService.Core.Tests.Hosting;

public sealed class HostSettingsTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Overlay_PublishedByTheHost_ReplacesTheToolsRoutingButNotItsStoreOrSecrets()
    {
        await using var store = fixture.CreateStore();
        var host = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Audiences:Channels:wecom"] = "bridge",
            ["Channels:Staff"] = "wecom-app",
            ["Bridge:Secret"] = "host-secret",
        }).Build();
        var tool = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Audiences:Channels:wecom"] = "simulator",
            ["Audiences:QuietHours"] = "off", // the host does not set it: the tool may not either
            ["Store:KeyPrefix"] = "gs",
        }).Build();
        var settings = new HostSettings(store.Store);

        Assert.Null(await settings.ReadAsync());
        await settings.PublishAsync(host, DateTimeOffset.UnixEpoch);
        var published = await settings.ReadAsync();
        var merged = HostSettings.Overlay(tool, published!.Value.Values);

        Assert.Equal("bridge", merged["Audiences:Channels:wecom"]);
        Assert.Equal("wecom-app", merged["Channels:Staff"]);
        Assert.Null(merged["Audiences:QuietHours"]);
        Assert.Equal("gs", merged["Store:KeyPrefix"]);
        Assert.False(published.Value.Values.ContainsKey("Bridge:Secret"));
    }
}
