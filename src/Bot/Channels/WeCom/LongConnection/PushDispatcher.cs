using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// The holder's side of <see cref="AiBotPushes"/>: while this process holds a bot's connection it takes the bot's
/// queued replies and pushes, sends each as a frame and waits for WeCom's acknowledgement before recording the result
/// and acknowledging the item. A reply goes on its message's req_id as one whole-answer stream frame (frames of one
/// req_id strictly one after another, retried on 6000 "more than one caller"); when that window has passed or WeCom
/// refuses the req_id (846605, 846608) it is pushed to the chat with <c>aibot_send_msg</c> instead. Transient failures
/// are retried from the queue; a connection that breaks mid-send leaves the item to the next connection.
/// </summary>
public sealed class PushDispatcher(
    AiBotPushes pushes, AnswerFeedback feedback, IOptionsMonitor<LongConnectionOptions> options, TimeProvider time, ILogger<PushDispatcher> logger)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(250);
    private static readonly int[] ExpiredReqId = [846605, 846608];
    private static readonly int[] Busy = [-1, 45009, 6000];

    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    private enum Outcome { Delivered, Failed, Transient, ConnectionLost }

    /// <summary>Sends the bot's queued frames until the session's connection ends.</summary>
    public async Task RunAsync(AiBotSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var queue = pushes.QueueOf(session.Name);
        var cancellation = session.Connection.Closing;
        var concurrency = options.CurrentValue.PushConcurrency;
        using var signal = new SemaphoreSlim(0);
        try
        {
            await queue.SubscribeAsync(() =>
            {
                if (signal.CurrentCount < concurrency) signal.Release();
            }, cancellation);
            var loops = Enumerable.Range(0, concurrency).Select(_ => ConsumeAsync(session, queue, signal, cancellation)).ToList();
            loops.Add(MaintainAsync(session, queue, cancellation));
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    // Items a dead holder had taken come back after their lease; retries come due.
    private async Task MaintainAsync(AiBotSession session, ReliableQueue queue, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await queue.ReclaimExpiredAsync();
                await queue.PromoteDueAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LongConnectionLog.StoreUnavailable(logger, session.Name, ex);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
        }
    }

    private async Task ConsumeAsync(AiBotSession session, ReliableQueue queue, SemaphoreSlim signal, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            QueueItem? item;
            try
            {
                item = await queue.TryTakeAsync(options.CurrentValue.PushLease);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidDataException)
            {
                LongConnectionLog.StoreUnavailable(logger, session.Name, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                continue;
            }

            if (item is null)
            {
                await signal.WaitAsync(Idle, cancellation);
                continue;
            }

            await ProcessAsync(session, queue, item, cancellation);
        }
    }

    private async Task ProcessAsync(AiBotSession session, ReliableQueue queue, QueueItem item, CancellationToken cancellation)
    {
        AiBotPush push;
        try
        {
            push = AiBotPushes.Parse(item);
        }
        catch (System.Text.Json.JsonException ex)
        {
            await queue.DeadLetterAsync(item, "unreadable push: " + ex.Message);
            return;
        }

        var now = time.GetUtcNow();
        if (await pushes.ResultAsync(push.Id) is not null)
        {
            await queue.AckAsync(item); // done before: a reclaimed copy
            return;
        }

        if (now - push.CreatedAt > AiBotPushes.MaxAge)
        {
            await FinishAsync(session, queue, item, new AiBotPushResult(push.Id, false,
                $"expired: no Bot held the long connection within {AiBotPushes.MaxAge}; not sent", 0, now));
            return;
        }

        var (outcome, detail, code) = await SendAsync(session, push, cancellation);
        switch (outcome)
        {
            case Outcome.Delivered:
                await FinishAsync(session, queue, item, new AiBotPushResult(push.Id, true, detail, 0, time.GetUtcNow()));
                return;
            case Outcome.Failed:
                await FinishAsync(session, queue, item, new AiBotPushResult(push.Id, false, detail, code, time.GetUtcNow()));
                return;
            case Outcome.Transient when item.Attempt >= options.CurrentValue.MaxPushAttempts:
                await FinishAsync(session, queue, item, new AiBotPushResult(push.Id, false, $"gave up after {item.Attempt} attempts: {detail}", code, time.GetUtcNow()));
                return;
            default:
                LongConnectionLog.PushFailed(logger, session.Name, push.Id, detail + "; tried again");
                var delay = outcome == Outcome.ConnectionLost ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, item.Attempt)));
                await queue.RetryLaterAsync(item, delay, detail);
                return;
        }
    }

    private async Task FinishAsync(AiBotSession session, ReliableQueue queue, QueueItem item, AiBotPushResult result)
    {
        // The result first: a crash in between leaves the item to be reclaimed, and the result says it is done.
        await pushes.CompleteAsync(result);
        await queue.AckAsync(item);
        if (result.Delivered) LongConnectionLog.Delivered(logger, session.Name, result.Id, result.Detail);
        else LongConnectionLog.PushFailed(logger, session.Name, result.Id, result.Detail);
    }

    private async Task<(Outcome Outcome, string Detail, int Code)> SendAsync(AiBotSession session, AiBotPush push, CancellationToken cancellation)
    {
        try
        {
            if (push.ReqId is { } reqId && push.ReceivedAt is { } at && time.GetUtcNow() - at <= options.CurrentValue.ReplyWindow)
            {
                var (outcome, detail, code) = await RespondAsync(session, push, reqId, cancellation);
                if (!(outcome == Outcome.Failed && ExpiredReqId.Contains(code))) return (outcome, detail, code);
                LongConnectionLog.FellBackToSend(logger, session.Name, push.Id, detail);
            }

            return await PushAsync(session, push, cancellation);
        }
        catch (TimeoutException)
        {
            return (Outcome.Transient, $"WeCom did not acknowledge within {options.CurrentValue.AckTimeout}", 0);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return (Outcome.ConnectionLost, "the connection ended before WeCom acknowledged", 0);
        }
    }

    // A whole-answer stream on the message's req_id; frames of one req_id go one at a time.
    private async Task<(Outcome, string, int)> RespondAsync(AiBotSession session, AiBotPush push, string reqId, CancellationToken cancellation)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(reqId) % (uint)_stripes.Length)];
        await stripe.WaitAsync(cancellation);
        try
        {
            var traceId = push.Kind == "answer" ? AnswerFeedback.TraceIdOf(push.Id) : null;
            var streamId = "stream_" + Hash(push.Id);
            AiBotFrame ack;
            for (var attempt = 0; ; attempt++)
            {
                ack = await session.Connection.RequestAsync(reqId, AiBotFrames.StreamFrame(reqId, streamId, push.Text, traceId),
                    options.CurrentValue.AckTimeout, cancellation);
                if (ack.ErrCode != 6000 || attempt >= 3) break;
                await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), time, cancellation);
            }

            if (ack.ErrCode == 0)
            {
                if (traceId is not null) await feedback.RememberAsync(traceId, push.Id, push.ChatId);
                return (Outcome.Delivered, "respond", 0);
            }

            return (Busy.Contains(ack.ErrCode) ? Outcome.Transient : Outcome.Failed, $"aibot_respond_msg: errcode {ack.ErrCode} {ack.ErrMsg}", ack.ErrCode);
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task<(Outcome, string, int)> PushAsync(AiBotSession session, AiBotPush push, CancellationToken cancellation)
    {
        var timeout = options.CurrentValue.AckTimeout;
        var reqId = AiBotFrames.NewReqId(AiBotFrames.Send, time);
        var ack = await session.Connection.RequestAsync(reqId, AiBotFrames.SendFrame(reqId, push.ChatId, push.IsGroup, push.Text), timeout, cancellation);
        if (ack.ErrCode != 0)
        {
            return (Busy.Contains(ack.ErrCode) ? Outcome.Transient : Outcome.Failed,
                $"aibot_send_msg to {(push.IsGroup ? "chat" : "user")} {Masking.MaskText(push.ChatId)}: errcode {ack.ErrCode} {ack.ErrMsg}", ack.ErrCode);
        }

        if (push.RatingOrder is { } order)
        {
            // The 满意/不满意 card after the result; if WeCom refuses it the askers can still type their rating.
            var cardReq = AiBotFrames.NewReqId(AiBotFrames.Send, time);
            var task = string.Create(CultureInfo.InvariantCulture, $"wo_{order}_{Hash(push.Id)[..8]}");
            var card = await session.Connection.RequestAsync(cardReq, AiBotFrames.RatingCardFrame(cardReq, push.ChatId, push.IsGroup, task, order), timeout, cancellation);
            if (card.ErrCode != 0) LongConnectionLog.ReplyFailed(logger, session.Name, "rating card", $"errcode {card.ErrCode} {card.ErrMsg}");
        }

        return (Outcome.Delivered, "send", 0);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
