using GridService.Core.Storage;
using GridService.Core.Queues;
using GridService.Core.Notices;
using GridService.Core.Chat;
using System.Net.Http.Json;
using System.Text.Json;
using GridService.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GridService.TestKit;

/// <summary>
/// The real host (all-in-one unless a <c>Role</c> setting says otherwise) on a free loopback port, driven over HTTP. Its store is the Redis named by
/// <c>GRIDSERVICE_TEST_REDIS</c> under a unique key prefix, or its own embedded Garnet in a temporary folder.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, HttpClient http, string dataDirectory)
    {
        _app = app;
        Http = http;
        DataDirectory = dataDirectory;
    }

    /// <summary>A client whose base address is the host.</summary>
    public HttpClient Http { get; }

    /// <summary>The embedded store's folder (unused when the host shares the run's store).</summary>
    public string DataDirectory { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host. <paramref name="settings"/> are extra <c>Section:Key</c> settings.</summary>
    public static async Task<TestHost> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null, string? dataDirectory = null)
    {
        // Without a folder of its own the host shares the run's store under its own key prefix (fast); with one it runs
        // its embedded store there (tests of restarts and of the folder lock).
        var connection = dataDirectory is null ? await StoreFixture.SharedConnectionStringAsync() : Environment.GetEnvironmentVariable(StoreFixture.EnvironmentVariable) ?? "";
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "gridservice-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--Store:DataDirectory", dataDirectory,
            "--Store:KeyPrefix", "e2e-" + Guid.NewGuid().ToString("N")[..8],
            "--ConnectionStrings:Redis", connection,
            "--Logging:LogLevel:Default", "Warning",
            "--Queues:Inbound:PollInterval", "00:00:00.050",
            "--Queues:Outbound:PollInterval", "00:00:00.050",
            "--Queues:Notices:PollInterval", "00:00:00.050",
            // The host runs on the real clock: without this a planned notice published at night would wait for the
            // morning, and a test's outcome would depend on the time of day. Tests of quiet hours use a fake clock.
            "--Audiences:QuietHours", "off",
            // Dozens of hosts share this process: one host's compacting collection would pause all the others.
            "--Hosting:TrimMemory", "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args.AddRange(["--" + key, value]);

        var app = AllInOneHost.Build([.. args], services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address) };

        // The harness reads transcripts as an operator would: with the token when one is configured.
        if (settings?.GetValueOrDefault("Admin:Token") is { Length: > 0 } token) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return new TestHost(app, http, dataDirectory);
    }

    /// <summary>Posts a chat message as the bridge would.</summary>
    public Task<HttpResponseMessage> SayAsync(string groupId, string senderId, string text, string? messageId = null, bool mentionsBot = true) =>
        Http.PostAsJsonAsync("/api/chat/inbound", new
        {
            messageId = messageId ?? Guid.NewGuid().ToString("N"),
            groupId,
            senderId,
            senderName = senderId,
            text,
            mentionsBot,
        });

    /// <summary>The group's transcript.</summary>
    public async Task<IReadOnlyList<Line>> TranscriptAsync(string groupId, long after = 0) =>
        (await Http.GetFromJsonAsync<List<Line>>($"/api/chat/groups/{groupId}/transcript?after={after}", Json))!;

    /// <summary>Waits until the transcript holds a line matching <paramref name="match"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task<Line> WaitForAsync(string groupId, Func<Line, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = (await TranscriptAsync(groupId)).FirstOrDefault(match);
            if (found is not null) return found;
            if (DateTime.UtcNow > deadline)
            {
                var lines = string.Join("\n", (await TranscriptAsync(groupId)).Select(l => $"{l.Seq} {l.Direction} {l.Kind} {l.Text}"));
                throw new TimeoutException($"No matching line in {groupId} within the time; transcript:\n{lines}");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>
    /// Waits until the host has nothing left to do now: the named queues (by default inbound, outbound and notice
    /// requests) hold nothing ready or in progress and nothing delayed that is due on the host's clock. Use it instead
    /// of a fixed sleep before asserting that something did not happen, or after moving a fake clock.
    /// </summary>
    public async Task SettleAsync(params string[] queues)
    {
        var store = Services.GetRequiredService<RedisStore>();
        var time = Services.GetRequiredService<TimeProvider>();
        var names = queues.Length > 0 ? queues : [Inbox.QueueName, Outbox.QueueName, NoticeRequests.QueueName];
        var watched = names.Select(n => new ReliableQueue(store, n, time)).ToList();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var quiet = 0;
        while (quiet < 2)
        {
            var busy = false;
            foreach (var queue in watched)
            {
                await queue.PromoteDueAsync();
                var counts = await queue.CountsAsync();
                busy |= counts.Ready + counts.Processing > 0;
            }

            quiet = busy ? 0 : quiet + 1;
            try
            {
                await Task.Delay(busy ? 10 : 30, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The host did not settle: queues {string.Join(", ", names)} still busy.");
            }
        }
    }

    /// <summary>JSON options matching the API's camelCase.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>A transcript line.</summary>
    public sealed record Line(long Seq, string Direction, string MessageId, string SenderId, string Text, string? ReplyTo, string Kind, DateTimeOffset At);
}
