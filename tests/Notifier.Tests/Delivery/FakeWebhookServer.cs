using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using GridService.Core.Chat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GridService.Notifier.Tests.Delivery;

/// <summary>One request the fake server received.</summary>
/// <param name="Endpoint"><c>robot</c>, <c>bridge</c> or <c>sms</c>.</param>
/// <param name="Key">The robot key, or the Idempotency-Key of a webhook post.</param>
/// <param name="Body">The raw body.</param>
/// <param name="Signature">The signature header, if any.</param>
/// <param name="At">When it arrived, on the test's clock.</param>
public sealed record FakeRequest(string Endpoint, string Key, string Body, string? Signature, DateTimeOffset At)
{
    /// <summary>The client's port: tells one process's connections from another's.</summary>
    public int ClientPort { get; init; }

    /// <summary>The <c>X-GridService-Timestamp</c> header the body was signed with.</summary>
    public string? Timestamp { get; init; }

    /// <summary>The robot post's text or markdown content.</summary>
    public string Content
    {
        get
        {
            using var doc = JsonDocument.Parse(Body);
            var root = doc.RootElement;
            var type = root.GetProperty("msgtype").GetString()!;
            return root.GetProperty(type).GetProperty("content").GetString()!;
        }
    }
}

/// <summary>How the fake server answers one request.</summary>
public abstract record FakeAnswer
{
    /// <summary>Accepted and delivered.</summary>
    public static readonly FakeAnswer Ok = new Status(200);

    /// <summary>An HTTP status, with Retry-After seconds if given.</summary>
    public sealed record Status(int Code, int? RetryAfterSeconds = null) : FakeAnswer;

    /// <summary>HTTP 200 with a WeCom errcode.</summary>
    public sealed record Errcode(int Code, string Message) : FakeAnswer;

    /// <summary>Never answers (until the client gives up).</summary>
    public sealed record Hang : FakeAnswer;
}

/// <summary>
/// A local fake of the WeCom robot webhook (<c>/cgi-bin/webhook/send?key=</c>) and of a bridge and an SMS gateway
/// (<c>/bridge</c>, <c>/sms</c>), on a free loopback port over real HTTP. Webhook posts must carry a valid
/// signature (else 401) and are delivered once per Idempotency-Key, as a real gateway would. Records what it
/// received and what it delivered, stamped with the test's clock.
/// </summary>
public sealed class FakeWebhookServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeRequest> _received = new();
    private readonly ConcurrentQueue<FakeRequest> _delivered = new();
    private readonly ConcurrentDictionary<string, bool> _idempotencyKeys = new();
    private readonly string _secret;
    private volatile TaskCompletionSource? _hold;

    private FakeHttpServer _server = null!;

    private FakeWebhookServer(string secret) => _secret = secret;

    /// <summary>The clock that stamps requests (the test's fake clock, when it has one).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The server's base URL.</summary>
    public Uri BaseUrl => new(_server.Url);

    /// <summary>Decides each answer; default: accept everything.</summary>
    public Func<FakeRequest, FakeAnswer> Behaviour { get; set; } = _ => FakeAnswer.Ok;

    /// <summary>Every request, in arrival order.</summary>
    public IReadOnlyList<FakeRequest> Received => [.. _received];

    /// <summary>Every request that was accepted and delivered, in order.</summary>
    public IReadOnlyList<FakeRequest> Delivered => [.. _delivered];

    private int _held;

    /// <summary>Requests parked by <see cref="HoldAll"/> right now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<FakeWebhookServer> StartAsync(string secret = "gateway-secret")
    {
        var fake = new FakeWebhookServer(secret);
        fake._server = await FakeHttpServer.StartAsync((app, _) =>
        {
            app.MapPost("/cgi-bin/webhook/send", (HttpContext context) => fake.HandleAsync(context, "robot", context.Request.Query["key"].ToString()));
            app.MapPost("/bridge", (HttpContext context) => fake.HandleAsync(context, "bridge", context.Request.Headers["Idempotency-Key"].ToString()));
            app.MapPost("/sms", (HttpContext context) => fake.HandleAsync(context, "sms", context.Request.Headers["Idempotency-Key"].ToString()));
        });
        return fake;
    }

    /// <summary>Parks every new request before it is looked at, until <see cref="Release"/>.</summary>
    public void HoldAll() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets parked and new requests through.</summary>
    public void Release() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

    /// <summary>Robot posts delivered for <paramref name="key"/>.</summary>
    public IReadOnlyList<FakeRequest> DeliveredTo(string key) => Delivered.Where(r => r.Key == key).ToList();

    private async Task HandleAsync(HttpContext context, string endpoint, string key)
    {
        if (_hold is { } hold)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client went away (killed) before we looked at it: nothing was delivered
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

        var body = FakeHttpServer.RequestOf(context).Body;
        var signature = context.Request.Headers[BridgeSignature.Header].FirstOrDefault();
        var timestamp = context.Request.Headers[BridgeSignature.TimestampHeader].FirstOrDefault();
        var request = new FakeRequest(endpoint, key, body, signature, Clock.GetUtcNow()) { ClientPort = context.Connection.RemotePort, Timestamp = timestamp };
        _received.Enqueue(request);

        if (endpoint != "robot" && !BridgeSignature.Verify(_secret, timestamp, Encoding.UTF8.GetBytes(body), signature))
        {
            context.Response.StatusCode = 401;
            return;
        }

        switch (Behaviour(request))
        {
            case FakeAnswer.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case FakeAnswer.Errcode e:
                await context.Response.WriteAsJsonAsync(new { errcode = e.Code, errmsg = e.Message });
                return;
            case FakeAnswer.Status { Code: >= 200 and < 300 }:
                var duplicate = endpoint != "robot" && !_idempotencyKeys.TryAdd(key, true);
                if (!duplicate) _delivered.Enqueue(request);
                if (endpoint == "robot") await context.Response.WriteAsJsonAsync(new { errcode = 0, errmsg = "ok" });
                else await context.Response.WriteAsJsonAsync(new { status = duplicate ? "duplicate" : "delivered" });
                return;
            case FakeAnswer.Status s:
                context.Response.StatusCode = s.Code;
                if (s.RetryAfterSeconds is { } after) context.Response.Headers.RetryAfter = after.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.WriteAsync($"fake failure {s.Code}");
                return;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Release();
        await _server.DisposeAsync();
    }
}
