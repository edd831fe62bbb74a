using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>Why a connection ended.</summary>
public enum ConnectionEnd
{
    /// <summary>Still open.</summary>
    Open,

    /// <summary>The socket closed or failed (network, server restart, missed heartbeats).</summary>
    Dropped,

    /// <summary>WeCom sent <c>disconnected_event</c>: another connection subscribed with this bot's id.</summary>
    Evicted,

    /// <summary>We closed it (shutting down, the lease was lost).</summary>
    Closed,
}

/// <summary>
/// One WebSocket to WeCom: frames out one at a time (a WebSocket allows one send at a time), frames in on a receive
/// loop that completes our requests' acknowledgements by req_id and hands commands to a handler, and the heartbeat
/// (a ping every interval; two unanswered in a row drop the connection, as WeCom's SDK does).
/// </summary>
public sealed class AiBotConnection : IAsyncDisposable
{
    private const int MaxFrameBytes = 1024 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AiBotFrame>> _waiting = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<ConnectionEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unansweredPings;

    private AiBotConnection(ClientWebSocket socket, TimeProvider time)
    {
        _socket = socket;
        _time = time;
    }

    /// <summary>Completes with why the connection ended.</summary>
    public Task<ConnectionEnd> Ended => _ended.Task;

    /// <summary>Cancelled when the connection ends.</summary>
    public CancellationToken Closing => _stop.Token;

    /// <summary>Opens a connection; <paramref name="onCommand"/> gets every frame that is not an acknowledgement.</summary>
    public static async Task<AiBotConnection> OpenAsync(Uri url, Func<AiBotFrame, Task> onCommand, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(onCommand);
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20); // answers the server's pings; ours are the application's
        try
        {
            using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connect.CancelAfter(TimeSpan.FromSeconds(15));
            await socket.ConnectAsync(url, connect.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new AiBotConnection(socket, time);
        _ = connection.ReceiveAsync(onCommand);
        return connection;
    }

    /// <summary>Sends a frame and waits for WeCom's acknowledgement of it (by req_id); a timeout throws <see cref="TimeoutException"/>.</summary>
    public async Task<AiBotFrame> RequestAsync(string reqId, JsonObject frame, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<AiBotFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd(reqId, answer)) throw new InvalidOperationException($"A frame with req_id {reqId} is already waiting for its acknowledgement.");
        try
        {
            await SendAsync(frame, cancellationToken);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            return await answer.Task.WaitAsync(timeout, _time, linked.Token);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The connection ended before WeCom acknowledged the frame.");
        }
        finally
        {
            _waiting.TryRemove(reqId, out _);
        }
    }

    /// <summary>Sends a frame without waiting for an acknowledgement.</summary>
    public async Task SendAsync(JsonObject frame, CancellationToken cancellationToken)
    {
        var bytes = AiBotFrames.Serialize(frame);
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// One heartbeat: after two pings in a row went unanswered the connection is dropped (false); otherwise a ping goes
    /// out (true). Its acknowledgement, whenever it comes, resets the count.
    /// </summary>
    public async Task<bool> HeartbeatAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _unansweredPings) >= 2)
        {
            End(ConnectionEnd.Dropped);
            return false;
        }

        Interlocked.Increment(ref _unansweredPings);
        var reqId = AiBotFrames.NewReqId(AiBotFrames.Ping, _time);
        await SendAsync(AiBotFrames.PingFrame(reqId), cancellationToken);
        return true;
    }

    /// <summary>Ends the connection for <paramref name="reason"/> (an eviction, or we are closing).</summary>
    public void End(ConnectionEnd reason)
    {
        if (!_ended.TrySetResult(reason)) return;
        _stop.Cancel();

        // No close handshake: an evicted or broken socket may never answer one, and WeCom drops evicted sockets itself.
        _socket.Abort();
    }

    private async Task ReceiveAsync(Func<AiBotFrame, Task> onCommand)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var type = await WebSocketMessages.ReceiveAsync(_socket, buffer, _stop.Token, MaxFrameBytes);
                if (type == WebSocketMessageType.Close) break;
                if (type != WebSocketMessageType.Text || AiBotFrame.Parse(buffer.WrittenSpan) is not { } frame) continue;
                if (frame.IsAck)
                {
                    if (frame.ReqId.StartsWith(AiBotFrames.Ping, StringComparison.Ordinal)) Volatile.Write(ref _unansweredPings, 0);
                    if (_waiting.TryGetValue(frame.ReqId, out var waiter)) waiter.TrySetResult(frame);
                    continue;
                }

                await onCommand(frame);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The socket went away; the end reason says why.
        }

        End(ConnectionEnd.Dropped);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        End(ConnectionEnd.Closed);
        _socket.Dispose();
        _stop.Dispose();
        _sending.Dispose();
        return ValueTask.CompletedTask;
    }
}
