using GridService.Core.Security;
using System.Collections.Concurrent;
using GridService.Core.Chat;
using GridService.Core.Domain;
using GridService.Core.Grid;
using GridService.Core.Queues;
using GridService.Core.Storage;
using GridService.Notifier.Delivery.Status;
using GridService.Notifier.Delivery.WeCom;
using GridService.Notifier.Managers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace GridService.Notifier.Tests.Delivery;

/// <summary>
/// One or more Notifier delivery workers (each its own host, like separate processes sharing only Redis) on a
/// shared <see cref="FakeTimeProvider"/>, pointed at a <see cref="FakeWebhookServer"/>. A driver moves the clock:
/// while the outbound queue is idle except for items due later it jumps to the next due time; while something is
/// being sent it moves in small steps, so timeouts and backoffs elapse in milliseconds of real time.
/// </summary>
public sealed class DeliveryRig : IAsyncDisposable
{
    /// <summary>The fake clock's start: 2025-11-20 09:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Start = new(2025, 11, 20, 1, 0, 0, TimeSpan.Zero);

    // While something is being sent the clock moves only when nothing has happened for StallAfter of real time:
    // a slow request on a loaded machine does not time out in fake time, a hung one does within a second or so.
    private static readonly TimeSpan StallStep = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StallAfter = TimeSpan.FromMilliseconds(50);

    private readonly List<WebApplication> _workers = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _driver = Task.CompletedTask;

    private readonly FakeWebhookServer _server;

    private DeliveryRig(RedisStore store, FakeTimeProvider clock, FakeWebhookServer server)
    {
        _server = server;
        Store = store;
        Clock = clock;
        Outbox = new Outbox(store, clock);
    }

    /// <summary>The shared clock.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The shared store.</summary>
    public RedisStore Store { get; }

    /// <summary>The outbound queue, as producers see it.</summary>
    public Outbox Outbox { get; }

    /// <summary>Log entries of every worker at Information and above.</summary>
    public ConcurrentQueue<(LogLevel Level, int EventId, string Message)> Logs { get; } = new();

    /// <summary>A client for the first worker's HTTP endpoints.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The first worker's services.</summary>
    public IServiceProvider Services => _workers[0].Services;

    /// <summary>Settings every rig gets; tests override or add.</summary>
    public static Dictionary<string, string?> Defaults(FakeWebhookServer server) => new()
    {
        ["Queues:Outbound:PollInterval"] = "00:00:00.020",
        ["Queues:Outbound:ReclaimInterval"] = "00:00:01",
        ["Queues:Outbound:Lease"] = "00:01:00",
        ["Queues:Outbound:MaxAttempts"] = "4",
        ["Queues:Outbound:RetryBaseDelay"] = "00:00:02",
        ["Queues:Outbound:Concurrency"] = "4",
        ["Delivery:AttemptTimeout"] = "00:00:10",
        ["WeCom:Robot:BaseUrl"] = server.BaseUrl.ToString(),
        ["WeCom:Robots:grp-a:Key"] = "key-a",
        ["WeCom:Robots:grp-b:Key"] = "key-b",
        ["WeCom:Robots:grp-c:Key"] = "key-c",
        ["Bridge:OutboundUrl"] = new Uri(server.BaseUrl, "/bridge").ToString(),
        ["Bridge:Secret"] = "gateway-secret",
        ["Sms:Url"] = new Uri(server.BaseUrl, "/sms").ToString(),
        ["Sms:Secret"] = "gateway-secret",
    };

    /// <summary>Starts <paramref name="workers"/> workers with <see cref="Defaults"/> plus <paramref name="settings"/>.</summary>
    public static async Task<DeliveryRig> StartAsync(
        RedisStore store, FakeWebhookServer server, IDictionary<string, string?>? settings = null, int workers = 1)
    {
        var rig = new DeliveryRig(store, new FakeTimeProvider(Start), server);
        server.Clock = rig.Clock;
        await SeedDirectoryAsync(new GridDirectory(store));
        var config = Defaults(server);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        for (var i = 0; i < workers; i++) rig._workers.Add(await rig.StartWorkerAsync(config));
        var address = rig._workers[0].Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        rig.Http = new HttpClient { BaseAddress = new Uri(address) };
        rig._driver = Task.Run(rig.DriveAsync);
        return rig;
    }

    /// <summary>Builds a worker host without starting it (for start-up validation tests).</summary>
    public static WebApplication Build(RedisStore store, TimeProvider clock, IDictionary<string, string?> config, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders();
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<Transcript>();
        builder.Services.AddSingleton<GridDirectory>();
        builder.Services.AddProblemDetails();
        builder.Services.AddQueueWorkerOptions(Outbox.QueueName, builder.Configuration.GetSection("Queues:Outbound"));
        builder.Services.AddOperatorGuard(builder.Configuration);
        builder.Services.AddDelivery(builder.Configuration);
        AddWeComApi(builder);
        // Critical messages that fail alert the area manager and the operators privately, on the staff channel.
        builder.Services.AddOptions<ChannelOptions>().Bind(builder.Configuration.GetSection(ChannelOptions.Section));
        builder.Services.AddSingleton<PrivateRoutes>();
        builder.Services.AddNotifierManagers(builder.Configuration);
        var app = builder.Build();
        app.MapDeliveryEndpoints();
        return app;
    }

    // The senders that call WeCom's REST API (app messages, 群发 tasks) and what they need from Core.
    private static void AddWeComApi(WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChannelOptions>().Bind(builder.Configuration.GetSection(ChannelOptions.Section));
        builder.Services.AddSingleton<PrivateRoutes>();
        builder.Services.AddSingleton(new AiBotRouting(builder.Configuration));
        builder.Services.AddWeComApiSenders(builder.Configuration);
    }

    private async Task<WebApplication> StartWorkerAsync(IDictionary<string, string?> config)
    {
        var app = Build(Store, Clock, config, new SinkProvider(Logs));
        await app.StartAsync();
        return app;
    }

    /// <summary>Queues a message as a producer would.</summary>
    public Task<bool> EnqueueAsync(OutboundMessage message) => Outbox.EnqueueAsync(message);

    /// <summary>A group post.</summary>
    public OutboundMessage Post(string id, string groupId, string text, string channel = "wecom-robot", string? recipient = null,
        string? noticeId = null, string kind = "planned-outage") =>
        new(id, channel, groupId, recipient, text, kind, null, Critical: false, Clock.GetUtcNow(), noticeId);

    /// <summary>Waits until every message is sent or dead, driving the clock; fails listing the stragglers.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> WaitForFinalAsync(IReadOnlyCollection<string> ids, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var records = await Task.WhenAll(ids.Select(id => Outbox.Statuses.GetAsync(id)));
            var counts = await Outbox.Queue.CountsAsync();
            var final = records.All(r => r?.State is DeliveryState.Sent or DeliveryState.Dead);
            if (final && counts.Ready == 0 && counts.Processing == 0) return records.Select(r => r!).ToList();
            if (DateTime.UtcNow > deadline)
            {
                var open = records.Zip(ids).Where(p => p.First?.State is not (DeliveryState.Sent or DeliveryState.Dead))
                    .Select(p => $"{p.Second}: {p.First?.State} {p.First?.Reason}").Take(10);
                throw new TimeoutException($"Not final after the timeout ({counts}); clock {Clock.GetUtcNow():O}:\n{string.Join("\n", open)}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Enqueues the messages and waits until each is final.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> DeliverAsync(params OutboundMessage[] messages)
    {
        foreach (var message in messages) await EnqueueAsync(message);
        return await WaitForFinalAsync(messages.Select(m => m.Id).ToList());
    }

    private async Task DriveAsync()
    {
        var delayed = Store.Keys.Queue(Outbox.QueueName).Delayed;
        var lastChange = DateTime.UtcNow;
        var last = "";
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var counts = await Outbox.Queue.CountsAsync();
                var now = $"{counts} {_server.Received.Count} {_server.Delivered.Count}";
                if (now != last) (last, lastChange) = (now, DateTime.UtcNow);
                if (counts.Processing > 0 || counts.Ready > 0)
                {
                    if (DateTime.UtcNow - lastChange > StallAfter)
                    {
                        Clock.Advance(StallStep);
                        lastChange = DateTime.UtcNow;
                    }
                }
                else if (counts.Delayed > 0)
                {
                    var next = await Store.Db.SortedSetRangeByRankWithScoresAsync(delayed, 0, 0);
                    var step = next.Length == 0 ? StallStep : DateTimeOffset.FromUnixTimeMilliseconds((long)next[0].Score) - Clock.GetUtcNow();
                    Clock.Advance(step > TimeSpan.FromMilliseconds(20) ? step : TimeSpan.FromMilliseconds(20));
                }

                await Task.Delay(5, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RedisException)
            {
                // the store is shared with other tests; try again
            }
        }
    }

    private static async Task SeedDirectoryAsync(GridDirectory directory)
    {
        await directory.SaveStaffAsync(new Staff("wangjianhua", "王建华", "18600000001", StaffRole.Manager, "工作日 8:30-17:30"));
        await directory.SaveStaffAsync(new Staff("sunlihong", "孙丽红", "13900000004", StaffRole.Supervisor, "工作日 8:30-17:30"));
        await directory.SaveAreaAsync(new Area("A01", "城关镇幸福里社区", AreaKind.Urban, "Asia/Shanghai", "wangjianhua", "sunlihong"));
        foreach (var (id, name) in new[] { ("grp-a", "幸福里一区用电服务群"), ("grp-b", "幸福里二区用电服务群"), ("grp-c", "幸福里三区用电服务群") })
        {
            await directory.SaveGroupAsync(new ChatGroup(id, "A01", name, "小电", ["wangjianhua"], "wecom-robot"));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _driver;
        Http?.Dispose();
        foreach (var worker in _workers)
        {
            await worker.StopAsync();
            await worker.DisposeAsync();
        }

        _stop.Dispose();
    }

    private sealed class SinkProvider(ConcurrentQueue<(LogLevel, int, string)> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Sink(sink);

        public void Dispose()
        {
        }

        private sealed class Sink(ConcurrentQueue<(LogLevel, int, string)> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) sink.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
            }
        }
    }
}
