using GridService.Core.Hosting;
using GridService.Notifier.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Notifier.Tests.Notices;

/// <summary>
/// The Notifier host on a free loopback port with its HTTP API, on a test's slice of Redis and a fake clock. Queue
/// workers and schedules are off unless a test turns them on, so a test sees what the API queued.
/// </summary>
public sealed class NotifierWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestStore _store;

    private NotifierWebHost(WebApplication app, TestStore store, FakeTimeProvider time, HttpClient http)
    {
        _app = app;
        _store = store;
        Time = time;
        Http = http;
    }

    /// <summary>A client whose base address is the host.</summary>
    public HttpClient Http { get; }

    /// <summary>The host's clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The test's slice of Redis.</summary>
    public TestStore Store => _store;

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the host; <paramref name="settings"/> are extra <c>Section:Key</c> settings.</summary>
    public static async Task<NotifierWebHost> StartAsync(StoreFixture fixture, DateTimeOffset now, IReadOnlyDictionary<string, string>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", "--Scheduling:Enabled", "false",
            "--Queues:Notices:Concurrency", "0", "--Queues:Outbound:Concurrency", "0",
            "--Hosting:TrimMemory", "false", // many hosts share this test process
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) args.AddRange(["--" + key, value]);
        var store = fixture.CreateStore();
        var time = new FakeTimeProvider(now);
        var builder = GridWebHost.CreateBuilder([.. args], NotifierHost.DefaultUrl);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddNotifierHost(builder.Configuration);
        builder.Services.AddSingleton(store.Store);
        var app = builder.Build();
        app.MapNotifierHost();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await store.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new NotifierWebHost(app, store, time, new HttpClient { BaseAddress = new Uri(address) });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }
}
