using System.Net;
using System.Net.Http.Json;

namespace GridService.Bot.Tests.EndToEnd;

[Trait("Category", "Process")]
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gridservice-crash-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _prefix = "crash-" + Guid.NewGuid().ToString("N")[..6];

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } // best effort
    }

    private Task<HostProcess> StartAsync(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?> { ["Store:DataDirectory"] = _data, ["Store:KeyPrefix"] = _prefix };
        foreach (var (key, value) in extra) settings[key] = value;
        return HostProcess.StartAsync(HostProcess.Bot, settings);
    }

    private static Task<HttpResponseMessage> SayAsync(HttpClient http, string id, string text) =>
        http.PostAsJsonAsync("/api/chat/inbound", new { messageId = id, groupId = "grp-xingfuli", senderId = "u-xfl-001", senderName = "王", text, mentionsBot = true });

    private static async Task<List<TestHost.Line>> TranscriptAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<List<TestHost.Line>>("/api/chat/groups/grp-xingfuli/transcript?after=0", TestHost.Json))!;

    [Fact]
    public async Task Restart_AfterAnswering_KeepsTranscriptAndData()
    {
        // Its own model folder and the knowledge log shown: the first start trains, the restart reads what it kept.
        (string, string)[] models = [("Knowledge:ModelDirectory", Path.Combine(_data, "models")), ("Logging:LogLevel:GridService.Bot.Knowledge", "Information")];
        await using (var first = await StartAsync(models))
        {
            // The model is read or trained beside the start (ModelWarmup): the line may follow /healthz.
            await WaitUntilAsync(() => Task.FromResult(first.Output.Contains("Decision model trained on", StringComparison.Ordinal)));
            Assert.Equal(HttpStatusCode.Accepted, (await SayAsync(first.Http, "keep-1", "@小电 电费在哪里交")).StatusCode);
            await WaitUntilAsync(async () => (await TranscriptAsync(first.Http)).Any(l => l.ReplyTo == "keep-1"));
            first.Kill();
        }

        await using var second = await StartAsync(models);
        await WaitUntilAsync(() => Task.FromResult(second.Output.Contains("Decision model loaded from " + Path.Combine(_data, "models"), StringComparison.Ordinal)));
        Assert.DoesNotContain("Decision model trained on", second.Output, StringComparison.Ordinal);
        var lines = await TranscriptAsync(second.Http);

        Assert.Contains(lines, l => l.MessageId == "keep-1" && l.Direction == "in");
        Assert.Contains(lines, l => l.ReplyTo == "keep-1" && l.Direction == "out");
        Assert.Equal(HttpStatusCode.OK, (await SayAsync(second.Http, "keep-1", "@小电 电费在哪里交")).StatusCode);
    }

    [Theory]
    [InlineData("0")] // ingress only: everything is still queued at the kill
    [InlineData("2")] // consuming: some handled, some in flight, some queued at the kill
    public async Task Kill_WhileMessagesAreQueued_NoneLostNoneAnsweredTwiceAfterRestart(string consumers)
    {
        const int count = 60;
        var accepted = new List<string>();
        await using (var first = await StartAsync(("Queues:Inbound:Lease", "00:00:02"), ("Queues:Inbound:Concurrency", consumers)))
        {
            var posts = Enumerable.Range(0, count).Select(async i =>
            {
                var id = $"kill-{i}";
                var response = await SayAsync(first.Http, id, "@小电 交了电费怎么还没来电");
                return response.StatusCode == HttpStatusCode.Accepted ? id : null;
            });
            accepted.AddRange((await Task.WhenAll(posts)).OfType<string>());
            first.Kill();
        }

        Assert.Equal(count, accepted.Count);
        await using var second = await StartAsync(("Queues:Inbound:Lease", "00:00:02"));
        await WaitUntilAsync(async () =>
        {
            var replied = (await TranscriptAsync(second.Http)).Select(l => l.ReplyTo).ToHashSet();
            return accepted.All(replied.Contains);
        }, TimeSpan.FromSeconds(90));
        var lines = await TranscriptAsync(second.Http);

        foreach (var id in accepted) Assert.Single(lines, l => l.ReplyTo == id);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> ok, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await ok())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not met within {timeout}");
            await Task.Delay(100);
        }
    }
}
