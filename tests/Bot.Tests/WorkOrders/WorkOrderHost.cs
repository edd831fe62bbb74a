using GridService.Core.Notices;
using GridService.Core.Chat;
using GridService.Bot.WorkOrders.Sla;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Bot.Tests.WorkOrders;

/// <summary>
/// The all-in-one host on a fake clock (Monday 2026-11-23 09:00 China time) with an admin token and a fast
/// watchdog, plus helpers to read what groups and staff saw.
/// </summary>
public sealed class WorkOrderHost : IAsyncDisposable
{
    public const string Token = "test-admin-token";
    public const string Group = "grp-xingfuli";

    private WorkOrderHost(TestHost host, FakeTimeProvider clock)
    {
        Host = host;
        Clock = clock;
        Host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public TestHost Host { get; }

    public FakeTimeProvider Clock { get; }

    public static async Task<WorkOrderHost> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));
        var all = new Dictionary<string, string>
        {
            ["Admin:Token"] = Token,
            ["Queues:WorkOrderSla:PollInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        var host = await TestHost.StartAsync(all, services => services.AddSingleton<TimeProvider>(clock));
        return new WorkOrderHost(host, clock);
    }

    public Task SayAsync(string senderId, string text, string messageId, string group = Group, bool mention = true) =>
        Host.SayAsync(group, senderId, text, messageId, mention);

    /// <summary>A private message to the bot.</summary>
    public Task SayPrivatelyAsync(string senderId, string text, string messageId) => Host.SayAsync("", senderId, text, messageId);

    public Task<TestHost.Line> WaitAsync(Func<TestHost.Line, bool> match, string group = Group) => Host.WaitForAsync(group, match);

    /// <summary>Waits for a private message from the bot to <paramref name="staffId"/>.</summary>
    public Task<TestHost.Line> WaitDmAsync(string staffId, Func<TestHost.Line, bool> match) =>
        Host.WaitForAsync("dm:" + staffId, l => l.Direction == "out" && match(l));

    public Task<IReadOnlyList<TestHost.Line>> TranscriptAsync(string group = Group) => Host.TranscriptAsync(group);

    public async Task<JsonElement> OrderAsync(string id) =>
        await Host.Http.GetFromJsonAsync<JsonElement>($"/api/workorders/{id}");

    public async Task<JsonElement[]> OrdersAsync(string query = "") =>
        (await Host.Http.GetFromJsonAsync<JsonElement[]>($"/api/workorders{query}"))!;

    /// <summary>Moves the fake clock, runs the SLA watchdog's sweep as its schedule would, and waits for the workers.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await SettleAsync();
        await Host.Services.GetRequiredService<SlaWatchdog>().SweepAsync(CancellationToken.None);
        await SettleAsync();
    }

    /// <summary>Waits until messages, SLA events and replies are all handled.</summary>
    public Task SettleAsync() => Host.SettleAsync(Inbox.QueueName, Outbox.QueueName, NoticeRequests.QueueName, SlaQueue.QueueName);

    /// <summary>The order number a reply names.</summary>
    public static string OrderNumber(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, @"GD\d{8}-\d{4}").Value is { Length: > 0 } id ? id : throw new InvalidOperationException("No order number in: " + text);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
