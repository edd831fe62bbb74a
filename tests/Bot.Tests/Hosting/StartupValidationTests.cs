using System.Net;
using System.Net.Sockets;
using GridService.Core.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    [Trait("Category", "Process")]
    public async Task BrokenKnowledgeFile_StopsTheHostWithTheFileAndLineAndExit1()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gridservice-badkb-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var knowledge = Path.Combine(folder, "knowledge");
            Directory.CreateDirectory(knowledge);
            File.WriteAllText(Path.Combine(knowledge, "broken.yaml"), "- id: billing.broken\n  title: [unclosed\n");

            var (exit, output) = await HostProcess.RunToExitAsync(HostProcess.Bot, new Dictionary<string, string?>
            {
                ["Knowledge:Directory"] = knowledge, ["Store:DataDirectory"] = Path.Combine(folder, "data"), ["ConnectionStrings:Redis"] = "",
            }, TimeSpan.FromSeconds(60));

            Assert.Equal(1, exit);
            // stdout (the log) and stderr (the line) are read on two pipes, so their order here is not the terminal's.
            var line = Assert.Single(output.Split('\n'), l => l.StartsWith("The knowledge base cannot be loaded: ", StringComparison.Ordinal));
            Assert.StartsWith("The knowledge base cannot be loaded: " + Path.Combine(knowledge, "broken.yaml") + ":", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } // best effort
        }
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task PortTaken_StopsTheHostWithOneLineAndNoStackTrace()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gridservice-porttaken-" + Guid.NewGuid().ToString("N")[..8]);
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        try
        {
            var (exit, output) = await HostProcess.RunToExitAsync(HostProcess.Bot, new Dictionary<string, string?>
            {
                ["urls"] = $"http://127.0.0.1:{port}", ["Store:DataDirectory"] = Path.Combine(folder, "data"), ["ConnectionStrings:Redis"] = "",
            }, TimeSpan.FromSeconds(60));

            Assert.Equal(1, exit);
            var line = Assert.Single(output.Split('\n'), l => l.StartsWith("Cannot listen: ", StringComparison.Ordinal));
            Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Hosting failed to start", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } // best effort
        }
    }

    [Fact]
    public async Task TrimMemory_NotTrueOrFalse_IsRefusedNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<StartupRefusedException>(() => TestHost.StartAsync(new Dictionary<string, string> { ["Hosting:TrimMemory"] = "maybe" }));

        Assert.Equal("Configuration is not valid: Hosting:TrimMemory is 'maybe'; use true or false.", HostRunner.Explain(error));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task TrimMemory_DecidesWhetherTheHostTrims(string setting, bool trims)
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string> { ["Hosting:TrimMemory"] = setting });

        Assert.Equal(trims, host.Services.GetServices<IHostedService>().OfType<MemoryTrim>().Any());
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
