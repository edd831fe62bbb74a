using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridService.Bot.Tests.Security;

/// <summary>Start-up refusals and the embedded data folder's lock, on real processes.</summary>
public sealed class HostExposureTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gridservice-lock-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } // best effort
    }

    private Dictionary<string, string?> Embedded(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Store:DataDirectory"] = _data, ["ConnectionStrings:Redis"] = "" };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    [Theory]
    [InlineData("", "s3cret", "Admin:Token")]
    [InlineData("t0ken", "", "Bridge:Secret")]
    public async Task PublicBind_WithoutTokenOrBridgeSecret_RefusesWithOneLineAndExit1(string token, string secret, string named)
    {
        var (exit, output) = await HostProcess.RunToExitAsync(HostProcess.Bot,
            Embedded(new() { ["urls"] = "http://0.0.0.0:" + HostProcess.FreePort(), ["Admin:Token"] = token, ["Bridge:Secret"] = secret }), Limit);

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_PrintsUsageAndExits2WithoutStartingTheHost()
    {
        var (exit, output) = await HostProcess.RunToExitAsync(HostProcess.Bot, Embedded(), Limit, ["delivereis"]);

        Assert.Equal(2, exit);
        Assert.False(Directory.Exists(Path.Combine(_data, "log")), "the embedded store was started");
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondProcessOnOneDataFolder_RefusedNamingFolderAndPid_FirstKeepsEverything()
    {
        await using (var first = await HostProcess.StartAsync(HostProcess.Bot, Embedded()))
        {
            for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Accepted, (await SayAsync(first.Http, $"before-{i}")).StatusCode);

            var (exit, output) = await HostProcess.RunToExitAsync(HostProcess.Bot, Embedded(), Limit);

            Assert.Equal(1, exit);
            var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(Path.GetFullPath(_data), line, StringComparison.Ordinal);
            Assert.Contains($"PID {first.Pid}", line, StringComparison.Ordinal);
            for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Accepted, (await SayAsync(first.Http, $"after-{i}")).StatusCode);
            await WaitForRepliesAsync(first.Http, 10);
            Assert.True(await first.StopAsync(TimeSpan.FromSeconds(30)), "the first host ignored SIGTERM:\n" + first.Tail);
            Assert.Equal(0, first.ExitCode);
        }

        // Restarted on the same folder: every message and reply written before and after the refusal is there.
        await using var again = await HostProcess.StartAsync(HostProcess.Bot, Embedded());
        var lines = await TranscriptAsync(again.Http);
        foreach (var id in Enumerable.Range(0, 5).SelectMany(i => new[] { $"before-{i}", $"after-{i}" }))
        {
            Assert.Contains(lines, l => l.GetProperty("messageId").GetString() == id);
            Assert.Contains(lines, l => l.GetProperty("replyTo").GetString() == id);
        }
    }

    private static Task<HttpResponseMessage> SayAsync(HttpClient http, string id) =>
        http.PostAsJsonAsync("/api/chat/inbound", new { messageId = id, groupId = "grp-xingfuli", senderId = "u-xfl-001", senderName = "王阿姨", text = "@小电 电费在哪里交", mentionsBot = true });

    private static async Task<List<JsonElement>> TranscriptAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<List<JsonElement>>("/api/chat/groups/grp-xingfuli/transcript?after=0"))!;

    private static async Task WaitForRepliesAsync(HttpClient http, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await TranscriptAsync(http)).Count(l => l.GetProperty("direction").GetString() == "out") < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("replies did not arrive");
            await Task.Delay(100);
        }
    }
}
