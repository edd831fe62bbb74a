using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridService.TestKit;

/// <summary>One request a <see cref="FakeHttpServer"/> received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without the query.</param>
/// <param name="Query">The query string, with its <c>?</c>.</param>
/// <param name="Headers">Request headers (first value of each).</param>
/// <param name="Body">The raw body as UTF-8 text.</param>
/// <param name="At">When it arrived, on the server's clock.</param>
/// <param name="ClientPort">The client's port: tells one process's connections from another's.</param>
public sealed record RecordedRequest(
    string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At, int ClientPort);

/// <summary>
/// A real HTTP server on a free loopback port for tests that stand in for WeCom, a gateway or an LLM: the test maps
/// its routes, and every request is recorded (with its body) before a route sees it. One skeleton for every fake.
/// </summary>
public sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeHttpServer(WebApplication app) => _app = app;

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The clock requests are stamped with (a test's fake clock, when it has one).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>
    /// Starts a server with the routes <paramref name="map"/> adds. A handler reads the recorded request of its call
    /// with <see cref="RequestOf"/>.
    /// </summary>
    public static async Task<FakeHttpServer> StartAsync(Action<IEndpointRouteBuilder, FakeHttpServer> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeHttpServer(app);
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            var recorded = new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body, server.Clock.GetUtcNow(), context.Connection.RemotePort);
            server._requests.Enqueue(recorded);
            context.Items[typeof(RecordedRequest)] = recorded;
            await next(context);
        });
        map(app, server);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>The recorded request of the call <paramref name="context"/> belongs to.</summary>
    public static RecordedRequest RequestOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (RecordedRequest)context.Items[typeof(RecordedRequest)]!;
    }

    /// <summary>Waits until a request matching <paramref name="match"/> arrived; fails after <paramref name="timeout"/>.</summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (_requests.FirstOrDefault(match) is { } found) return found;
            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching request arrived; received: {string.Join(", ", _requests.Select(r => r.Method + " " + r.Path))}");
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
