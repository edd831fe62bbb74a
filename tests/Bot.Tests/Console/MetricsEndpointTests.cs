using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace GridService.Bot.Tests.StaffConsole;

/// <summary>
/// <c>/metrics</c> as Prometheus scrapes it, from a host in its own process (meters are per process, so the
/// counts are this host's alone): behind the operator token, and the counters move for one message and one notice.
/// </summary>
[Trait("Category", "Process")]
public sealed partial class MetricsEndpointTests : IDisposable
{
    private const string Token = "metrics-test-token";
    private static readonly string[] LiulinOnly = ["A02"];
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gridservice-metrics-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } // best effort
    }

    [Fact]
    public async Task Metrics_OneMessageAndOneNotice_MoveTheirCounters()
    {
        await using var host = await HostProcess.StartAsync(HostProcess.Bot, new Dictionary<string, string?>
        {
            ["Store:DataDirectory"] = _data, ["Store:KeyPrefix"] = "metrics-" + Guid.NewGuid().ToString("N")[..6], ["Admin:Token"] = Token,
            ["Queues:Inbound:PollInterval"] = "00:00:00.050", ["Queues:Outbound:PollInterval"] = "00:00:00.050", ["Queues:Notices:PollInterval"] = "00:00:00.050",
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/metrics")).StatusCode);
        host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var before = await ScrapeAsync(host.Http);

        await host.Http.PostAsJsonAsync("/api/chat/inbound", new
        {
            messageId = "metrics-1", groupId = "grp-xingfuli", senderId = "u-xfl-001", senderName = "王阿姨", text = "@小电 电费在哪里交", mentionsBot = true,
        });
        await WaitAsync(host.Http, "grp-xingfuli", "answer");
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var created = await host.Http.PostAsJsonAsync("/api/notices", new
        {
            kind = "fault-outage", areas = LiulinOnly, scope = "柳林村3组",
            start = now.AddMinutes(-10).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            end = now.AddHours(3).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), reason = "线路故障抢修",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await WaitAsync(host.Http, "grp-liulin", "fault-outage");
        var after = await ScrapeAsync(host.Http);

        Assert.Equal(1, Delta("gridservice_messages_in_total{", "channel=\"bridge\""));
        Assert.Equal(1, Delta("gridservice_decisions_total{", "family=\"answer\""));
        Assert.Equal(1, Delta("gridservice_notice_requests_total{", "stage=\"announce\""));
        Assert.True(Delta("gridservice_messages_out_total{", "channel=\"simulator\"") >= 2, "a reply and a notice post were queued");
        Assert.True(Delta("gridservice_deliveries_total{", "state=\"sent\"") >= 2, "both were delivered");
        Assert.True(Delta("gridservice_queue_handle_duration_seconds_count{", "queue=\"inbound\"") >= 1, "the pipeline's latency was recorded");
        Assert.Contains("gridservice_queue_depth{", after, StringComparison.Ordinal);

        double Delta(string series, string label) => Sum(after, series, label) - Sum(before, series, label);
    }

    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        var response = await http.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    // The sum of a series' samples whose labels include the given one (absent: 0).
    private static double Sum(string scrape, string series, string label) =>
        scrape.Split('\n').Where(l => l.StartsWith(series, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal))
            .Sum(l => double.Parse(Sample().Match(l).Groups[1].Value, CultureInfo.InvariantCulture));

    private static async Task WaitAsync(HttpClient http, string groupId, string kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var lines = await http.GetFromJsonAsync<List<TestHost.Line>>($"/api/chat/groups/{groupId}/transcript?after=0", TestHost.Json);
            if (lines!.Any(l => l.Kind == kind)) return;
            await Task.Delay(50);
        }

        throw new TimeoutException($"no {kind} line in {groupId}");
    }

    [GeneratedRegex(@"\}\s+([0-9.eE+-]+)(\s+\d+)?\s*$")]
    private static partial Regex Sample();
}
