using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// Keeps one bot's long connection in this process while it holds the bot's lease, and stands by otherwise: connect,
/// subscribe (and wait for WeCom's acknowledgement), heartbeat, take the bot's queued pushes, reconnect with jittered
/// backoff when the connection drops. Evicted by <c>disconnected_event</c>, it does not fight back: when another of
/// our processes took the lease over it stands by; when the evictor is outside this deployment (our lease was still
/// held) it releases the lease and holds every process off for <see cref="LongConnectionOptions.EvictionHoldOff"/>.
/// </summary>
public sealed class AiBotRunner(
    string name,
    WeComAiBotOptions bot,
    AiBotLease lease,
    FrameIngress ingress,
    PushDispatcher dispatcher,
    IOptionsMonitor<LongConnectionOptions> options,
    TimeProvider time,
    ILogger logger)
{
    private static readonly string Holder = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>True while this process has a subscribed connection (for tests and health).</summary>
    public bool IsConnected { get; private set; }

    /// <summary>The bot's configured name.</summary>
    public string Name => name;

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            try
            {
                if (await lease.HoldOffLeftAsync(name) is { } left)
                {
                    await Task.Delay(left < o.LeaseTtl ? left : o.LeaseTtl, time, stoppingToken);
                    continue;
                }

                if (await lease.TryAcquireAsync(name, Holder, o.LeaseTtl) is not { } token)
                {
                    await Task.Delay(o.LeaseTtl / 3, time, stoppingToken);
                    continue;
                }

                LongConnectionLog.LeaseTaken(logger, name);
                await HoldAsync(token, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LongConnectionLog.StoreUnavailable(logger, name, ex);
                await Task.Delay(o.LeaseTtl / 3, time, stoppingToken);
            }
        }
    }

    // While the lease is ours: connections, one after another, until evicted, the lease is lost, or we stop.
    private async Task HoldAsync(string token, CancellationToken stoppingToken)
    {
        using var holding = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewAsync(token, holding);
        var release = true;
        try
        {
            var failures = 0;
            while (!holding.IsCancellationRequested)
            {
                var (subscribed, end, error) = await ConnectOnceAsync(holding.Token);
                if (end == ConnectionEnd.Evicted)
                {
                    release = await OnEvictedAsync(token);
                    return;
                }

                if (holding.IsCancellationRequested) return;
                failures = subscribed ? 1 : failures + 1;
                var delay = Backoff(failures);
                LongConnectionLog.Reconnecting(logger, name, delay, error);
                await Task.Delay(delay, time, holding.Token);
            }
        }
        catch (OperationCanceledException) when (holding.IsCancellationRequested)
        {
        }
        finally
        {
            await holding.CancelAsync();
            await renewal;
            if (release) await lease.ReleaseAsync(name, token);
        }
    }

    private async Task<(bool Subscribed, ConnectionEnd End, Exception? Error)> ConnectOnceAsync(CancellationToken cancellation)
    {
        var o = options.CurrentValue;
        AiBotConnection connection;
        AiBotSession? session = null;
        try
        {
            connection = await AiBotConnection.OpenAsync(new Uri(bot.Url), frame => session is null ? Task.CompletedTask : ingress.HandleAsync(session, frame), time, cancellation);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            return (false, ConnectionEnd.Dropped, ex);
        }

        await using (connection)
        {
            session = new AiBotSession(name, bot, connection);
            using var stop = cancellation.Register(() => connection.End(ConnectionEnd.Closed));
            try
            {
                var reqId = AiBotFrames.NewReqId(AiBotFrames.Subscribe, time);
                var ack = await connection.RequestAsync(reqId, AiBotFrames.SubscribeFrame(reqId, bot.BotId, bot.Secret), o.AckTimeout, cancellation);
                if (ack.ErrCode != 0)
                {
                    // WeCom leaves a refused socket open: close it ourselves.
                    LongConnectionLog.SubscribeRefused(logger, name, ack.ErrCode, ack.ErrMsg);
                    connection.End(ConnectionEnd.Closed);
                    return (false, ConnectionEnd.Dropped, null);
                }
            }
            catch (Exception ex) when (ex is TimeoutException or WebSocketException)
            {
                connection.End(ConnectionEnd.Dropped);
                return (false, ConnectionEnd.Dropped, ex);
            }

            LongConnectionLog.Subscribed(logger, name);
            IsConnected = true;
            try
            {
                var heartbeat = HeartbeatAsync(connection);
                var pushes = dispatcher.RunAsync(session);
                var end = await connection.Ended;
                await Task.WhenAll(heartbeat, pushes);
                return (true, end, null);
            }
            finally
            {
                IsConnected = false;
            }
        }
    }

    private async Task HeartbeatAsync(AiBotConnection connection)
    {
        try
        {
            while (!connection.Closing.IsCancellationRequested)
            {
                await Task.Delay(options.CurrentValue.HeartbeatInterval, time, connection.Closing);
                if (!await connection.HeartbeatAsync(connection.Closing)) return;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            connection.End(ConnectionEnd.Dropped);
        }
    }

    // Renews the lease every third of its time; a lost lease ends the hold (and the connection with it).
    private async Task RenewAsync(string token, CancellationTokenSource holding)
    {
        var o = options.CurrentValue;
        try
        {
            while (!holding.IsCancellationRequested)
            {
                await Task.Delay(o.LeaseTtl / 3, time, holding.Token);
                bool renewed;
                try
                {
                    renewed = await lease.RenewAsync(name, token, o.LeaseTtl);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    LongConnectionLog.StoreUnavailable(logger, name, ex);
                    continue;
                }

                if (!renewed)
                {
                    LongConnectionLog.LeaseLost(logger, name);
                    await holding.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Returns whether the lease is still ours to release.
    private async Task<bool> OnEvictedAsync(string token)
    {
        if (await lease.HoldsAsync(name, token))
        {
            var holdOff = options.CurrentValue.EvictionHoldOff;
            await lease.HoldOffAsync(name, $"evicted from outside at {time.GetUtcNow():O}", holdOff);
            LongConnectionLog.EvictedFromOutside(logger, name, holdOff);
            return true;
        }

        LongConnectionLog.EvictedByPeer(logger, name, await lease.HolderAsync(name) ?? "another process");
        return false;
    }

    // 1 s, 2 s, 4 s … up to the maximum, each between half and all of it (jitter spreads reconnecting instances).
    private TimeSpan Backoff(int failures)
    {
        var o = options.CurrentValue;
        var full = o.ReconnectMin * Math.Pow(2, Math.Min(failures - 1, 20));
        if (full > o.ReconnectMax) full = o.ReconnectMax;
#pragma warning disable CA5394 // jitter, not security
        return full * (0.5 + (Random.Shared.NextDouble() / 2));
#pragma warning restore CA5394
    }
}
