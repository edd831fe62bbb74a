using System.Text.Json;
using GridService.Core.Chat;
using GridService.Core.Grid;
using GridService.Core.Hosting;
using GridService.Core.Notices;
using GridService.Core.Samples;
using GridService.Notifier.Delivery;
using GridService.Notifier.Hosting;
using GridService.Notifier.Managers;
using GridService.Notifier.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Notifier.Tests.Notices;

/// <summary>
/// The Notifier's real services (AddGridCore + AddNotifier) on a test's own slice of Redis and a fake clock, with no
/// hosted service running: a test moves the clock and calls the jobs, the notice worker's step and the outbox itself.
/// The sample county's areas, staff, groups and customers are loaded; bills and notices are the test's.
/// </summary>
public sealed class TestNotifier : IAsyncDisposable
{
    private readonly TestStore? _ownStore;
    private readonly ServiceProvider _services;

    private TestNotifier(TestStore store, TestStore? ownStore, ServiceProvider services, FakeTimeProvider time)
    {
        Store = store;
        _ownStore = ownStore;
        _services = services;
        Time = time;
    }

    /// <summary>The test's slice of Redis.</summary>
    public TestStore Store { get; }

    /// <summary>The fake clock.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>Messages taken from the outbox so far, in the order taken, with when they were taken (fake time).</summary>
    public List<(OutboundMessage Message, DateTimeOffset TakenAt)> Sent { get; } = [];

    /// <summary>A service.</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>The services, for what a test builds itself (a worker with a stand-in lifetime).</summary>
    public IServiceProvider GetProvider() => _services;

    /// <summary>
    /// Builds the services at <paramref name="now"/> with extra <c>Section:Key</c> settings; with
    /// <paramref name="sharedWith"/> a second Notifier on the same store (side by side), else on a fresh slice with the samples.
    /// </summary>
    public static async Task<TestNotifier> CreateAsync(
        StoreFixture fixture, DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null, TestNotifier? sharedWith = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var store = sharedWith?.Store ?? fixture.CreateStore();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false", ["Samples:Seed"] = "false" }
                .Concat(settings ?? new Dictionary<string, string?>())).Build();
        var time = new FakeTimeProvider(now);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddGridCore(configuration);
        services.AddNotifierHost(configuration);
        services.AddSingleton(store.Store); // the test's slice instead of a store from configuration
        var provider = services.BuildServiceProvider();
        if (sharedWith is not null) return new TestNotifier(store, null, provider, time);

        var samples = await SampleLoader.ReadAsync(SampleLoader.FindSamplesDirectory(), CancellationToken.None);
        var directory = provider.GetRequiredService<GridDirectory>();
        foreach (var staff in samples.Staff) await directory.SaveStaffAsync(staff);
        foreach (var area in samples.Areas) await directory.SaveAreaAsync(area);
        foreach (var group in samples.Groups) await directory.SaveGroupAsync(group);
        foreach (var customer in samples.Customers) await directory.SaveCustomerAsync(customer);
        return new TestNotifier(store, store, provider, time);
    }

    /// <summary>Hands every queued notice request to the dispatcher, as the notice worker would; returns how many.</summary>
    public async Task<int> DispatchNoticesAsync()
    {
        var queue = Get<NoticeRequests>().Queue;
        var handled = 0;
        while (await queue.TryTakeAsync(TimeSpan.FromMinutes(1)) is { } item)
        {
            await Get<NoticeDispatcher>().DispatchAsync(NoticeRequests.Parse(item.Payload), CancellationToken.None);
            await queue.AckAsync(item);
            handled++;
        }

        return handled;
    }

    /// <summary>Messages withdrawn at their send time (the send checks), with the reason.</summary>
    public List<(OutboundMessage Message, string Reason)> Withdrawn { get; } = [];

    /// <summary>
    /// Takes every message the outbox would deliver now (deferred ones once due), as the delivery worker would: the
    /// send checks run first and a withdrawn message is recorded as cancelled instead of sent.
    /// </summary>
    public async Task<IReadOnlyList<OutboundMessage>> DeliverAsync()
    {
        var outbox = Get<Outbox>();
        await outbox.Queue.PromoteDueAsync();
        var taken = new List<OutboundMessage>();
        while (await outbox.Queue.TryTakeAsync(TimeSpan.FromMinutes(1)) is { } item)
        {
            var message = JsonSerializer.Deserialize(item.Payload, CoreJson.Default.OutboundMessage)!;
            if (await Get<SendChecks>().WithdrawReasonAsync(message) is { } reason)
            {
                await outbox.Statuses.CancelledAsync(message, 0, reason);
                Withdrawn.Add((message, reason));
            }
            else
            {
                taken.Add(message);
            }

            await outbox.Queue.AckAsync(item);
        }

        Sent.AddRange(taken.Select(m => (m, Time.GetUtcNow())));
        return taken;
    }

    /// <summary>Messages taken so far for one member of staff (their private chat on the staff channel).</summary>
    public IReadOnlyList<OutboundMessage> ToStaff(string staffId) =>
        [.. Sent.Select(s => s.Message).Where(m => m.GroupId.Length == 0 && m.RecipientId == staffId)];

    /// <summary>Messages taken so far for customers (everything but staff alerts and digests).</summary>
    public IReadOnlyList<OutboundMessage> ToCustomers() =>
        [.. Sent.Select(s => s.Message).Where(m => !ManagerAlerts.IsAlert(m))];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownStore is not null) await _ownStore.DisposeAsync();
    }
}
