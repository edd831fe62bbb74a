using System.Net.WebSockets;
using System.Text;
using GridService.Bot.Channels.WeCom.LongConnection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Bot.Tests.Channels.WeCom.LongConnection;

/// <summary>
/// The connection's life on a fake clock: heartbeats every 30 s, a reconnect when two go unanswered or the server
/// drops the socket. The clock is moved; nothing sleeps for the intervals.
/// </summary>
public sealed class ConnectionLifeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.FromHours(8)));
    private FakeWeComServer _weCom = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _weCom = await FakeWeComServer.StartAsync();

        // A long lease: its renewal runs on the fake clock, its expiry in Redis on the real one. A long acknowledgement
        // timeout: the test moves the clock faster than a loaded machine moves frames.
        _host = await LongConnectionHost.StartAsync(_weCom, new Dictionary<string, string>
        {
            ["WeCom:LongConnection:LeaseTtl"] = "00:30:00",
            ["WeCom:LongConnection:AckTimeout"] = "00:10:00",
            ["WeCom:LongConnection:PushLease"] = "00:30:00",
            ["WeCom:LongConnection:ReconnectMin"] = "00:00:01",
            ["WeCom:LongConnection:ReconnectMax"] = "00:00:30",
        }, services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _weCom.DisposeAsync();
    }

    [Fact]
    public async Task Heartbeat_APingEveryThirtySecondsAfterSubscribing()
    {
        for (var n = 1; n <= 3; n++)
        {
            await AdvanceUntilAsync(TimeSpan.FromSeconds(30), () => _weCom.Frames.Count(f => f.Cmd == "ping") >= n);
            await Task.Delay(300); // the acknowledgement reaches the client before the next interval, as in real time
        }

        var pings = _weCom.Frames.Where(f => f.Cmd == "ping").ToList();
        Assert.All(pings, p => Assert.StartsWith("ping_", p.ReqId, StringComparison.Ordinal));
        Assert.True(_weCom.IsLive(LongConnectionHost.BotId));
        Assert.Equal(1, _weCom.Subscriptions(LongConnectionHost.BotId));
    }

    [Fact]
    public async Task TwoPingsUnanswered_DropsTheConnectionAndSubscribesAgain()
    {
        _weCom.SwallowPings = true;

        await AdvanceUntilAsync(TimeSpan.FromSeconds(30), () => _weCom.Frames.Count(f => f.Cmd == "ping") >= 2);
        _weCom.SwallowPings = false;
        await AdvanceUntilAsync(TimeSpan.FromSeconds(2), () => _weCom.Subscriptions(LongConnectionHost.BotId) == 2);

        var first = _weCom.Frames.Where(f => f.Cmd == "ping" && f.Connection == 1).ToList();
        Assert.True(first.Count >= 2);
        Assert.All(first.TakeLast(2), p => Assert.Equal(-2, p.Answer)); // the two it gave up after were never answered
        await _weCom.WaitForLiveAsync(LongConnectionHost.BotId);
    }

    [Fact]
    public async Task ServerDrops_ReconnectsAfterABackoffAndAnswersAgain()
    {
        _weCom.Drop(LongConnectionHost.BotId);

        // Not at once: the first retry waits between half a second and a second of the (fake) clock.
        await Task.Delay(300);
        Assert.Equal(1, _weCom.Subscriptions(LongConnectionHost.BotId));
        await AdvanceUntilAsync(TimeSpan.FromMilliseconds(250), () => _weCom.Subscriptions(LongConnectionHost.BotId) == 2);
        await _weCom.WaitForLiveAsync(LongConnectionHost.BotId);

        var reqId = await _weCom.PushMessageAsync(LongConnectionHost.BotId, LongConnectionHost.GroupText("life-1", "u-xfl-001", "电费在哪里交"));
        var reply = await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_respond_msg" && f.ReqId == reqId);
        Assert.Equal(2, reply.Connection);
        Assert.Contains("网上国网", reply.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSecret_SubscriptionRefused_ClosesTheSocketItself()
    {
        await using var other = await FakeWeComServer.StartAsync();
        other.AddBot(LongConnectionHost.BotId, "another-secret");
        await using var host = await TestHost.StartAsync(LongConnectionHost.Settings(other));

        var refused = await other.WaitForFrameAsync(f => f.Cmd == "aibot_subscribe");

        Assert.Equal(853000, refused.Answer);
        Assert.False(other.IsLive(LongConnectionHost.BotId));
        var runner = Assert.Single(host.Services.GetRequiredService<LongConnectionService>().Runners);
        Assert.False(runner.IsConnected);
    }

    // Moves the clock a step at a time, letting the host's loops run between steps, until the condition holds.
    private async Task AdvanceUntilAsync(TimeSpan step, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Frames: " + string.Join(", ", _weCom.Frames.Select(f => $"#{f.Connection} {f.Cmd}={f.Answer}")));
            _clock.Advance(step);
            await Task.Delay(50);
        }
    }
}

/// <summary>
/// Exactly one live connection per bot across Bot processes (here two hosts sharing one Redis): a standby takes over
/// when the holder's lease is gone, the evicted holder stands by instead of fighting back, and an eviction from outside
/// holds every process off.
/// </summary>
public sealed class EvictionTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private readonly string _prefix = "ev-" + Guid.NewGuid().ToString("N")[..8];
    private FakeWeComServer _weCom = null!;

    public async Task InitializeAsync() => _weCom = await FakeWeComServer.StartAsync();

    public async Task DisposeAsync() => await _weCom.DisposeAsync();

    private Dictionary<string, string> Shared(string leaseTtl, bool botOnly = false) => new()
    {
        ["ConnectionStrings:Redis"] = fixture.Connection.Configuration,
        ["Store:KeyPrefix"] = _prefix,
        ["WeCom:LongConnection:LeaseTtl"] = leaseTtl,
        ["Role"] = botOnly ? "bot" : "all",
        ["Samples:Seed"] = "true",
    };

    [Fact]
    public async Task SecondProcess_StandsByWhileTheFirstHoldsTheBot()
    {
        await using var first = await LongConnectionHost.StartAsync(_weCom, Shared("00:00:03"));
        await using var second = await TestHost.StartAsync(LongConnectionHost.Settings(_weCom, Shared("00:00:03", botOnly: true)));

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, _weCom.Subscriptions(LongConnectionHost.BotId));
        Assert.True(Runner(first).IsConnected);
        Assert.False(Runner(second).IsConnected);
    }

    [Fact]
    public async Task LeaseLostAndTakenOver_EvictedProcessStandsBy_OneConnectionSurvivesWithoutFlapping()
    {
        // The first holder renews rarely, so the second takes the lease while the first is still connected.
        await using var first = await LongConnectionHost.StartAsync(_weCom, Shared("00:01:00"));
        await using var second = await TestHost.StartAsync(LongConnectionHost.Settings(_weCom, Shared("00:00:03", botOnly: true)));

        await fixture.Connection.GetDatabase().KeyDeleteAsync($"{_prefix}:aibot-lease:lc");
        await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_subscribe" && f.Connection == 2);
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Equal(2, _weCom.Subscriptions(LongConnectionHost.BotId)); // no third: the evicted one did not reconnect
        Assert.Equal(2, _weCom.LiveConnection(LongConnectionHost.BotId));
        Assert.False(Runner(first).IsConnected);
        Assert.True(Runner(second).IsConnected);
    }

    [Fact]
    public async Task EvictedFromOutside_NoProcessHereConnectsAgainDuringTheHoldOff()
    {
        await using var first = await LongConnectionHost.StartAsync(_weCom, Shared("00:00:03"));
        await using var second = await TestHost.StartAsync(LongConnectionHost.Settings(_weCom, Shared("00:00:03", botOnly: true)));

        // Another client (another deployment, a test tool) subscribes with the same bot id.
        using var outsider = new ClientWebSocket();
        await outsider.ConnectAsync(new Uri(_weCom.WebSocketUrl), CancellationToken.None);
        var subscribe = System.Text.Json.JsonSerializer.Serialize(new
        {
            cmd = "aibot_subscribe", headers = new { req_id = "outsider_1" }, body = new { bot_id = LongConnectionHost.BotId, secret = LongConnectionHost.Secret },
        });
        await outsider.SendAsync(Encoding.UTF8.GetBytes(subscribe), WebSocketMessageType.Text, true, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Equal(2, _weCom.Subscriptions(LongConnectionHost.BotId));
        Assert.False(Runner(first).IsConnected);
        Assert.False(Runner(second).IsConnected);
        Assert.True(await fixture.Connection.GetDatabase().KeyExistsAsync($"{_prefix}:aibot-holdoff:lc"));
    }

    private static AiBotRunner Runner(TestHost host) => Assert.Single(host.Services.GetRequiredService<LongConnectionService>().Runners);
}
