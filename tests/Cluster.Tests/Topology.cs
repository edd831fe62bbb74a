using System.Net.Http.Json;
using StackExchange.Redis;

// Two collections, each with its own Topology, run side by side: most of a test's time is spent waiting on real
// periods, failovers and process starts, so the suite takes about half as long as one after another. Tests within a
// collection still run one at a time.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]

namespace GridService.Cluster.Tests;

/// <summary>
/// The scaled-out topology the tests share: a 3-master Redis Cluster and PostgreSQL on loopback, started on first use;
/// each test starts the Bots and Notifiers it needs (child processes it can kill) under its own key prefix and
/// scheduler database. <see cref="Unavailable"/> is the reason to skip on a machine without the servers.
/// </summary>
public sealed class Topology : IAsyncLifetime
{
    private RedisCluster? _redis;
    private ConnectionMultiplexer? _connection;

    /// <summary>Why the topology cannot run here, or null.</summary>
    public static string? Unavailable => RedisCluster.Unavailable ?? PostgresServer.Unavailable;

    /// <summary>The Redis Cluster (started by <see cref="StartAsync"/>).</summary>
    public RedisCluster Redis => _redis ?? throw new InvalidOperationException("StartAsync first");

    /// <summary>A connection to the cluster for the test's own reads.</summary>
    public ConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("StartAsync first");

    /// <summary>PostgreSQL for the clustered scheduler.</summary>
    public PostgresServer Postgres { get; private set; } = null!;

    /// <summary>Starts the servers once; call after the skip check.</summary>
    public async Task StartAsync()
    {
        if (_redis is not null) return;
        Postgres = await PostgresServer.GetAsync();
        _redis = await RedisCluster.StartAsync(masters: 3);
        _connection = await _redis.ConnectAsync();
    }

    /// <summary>Settings every host of one test shares: the cluster, its key prefix, quick polling, quiet logs.</summary>
    public Dictionary<string, string?> HostSettings(string prefix, RedisCluster? redis = null) => new()
    {
        ["ConnectionStrings:Redis"] = (redis ?? Redis).ConnectionString,
        ["Store:KeyPrefix"] = prefix,
        ["Queues:Inbound:PollInterval"] = "00:00:00.100",
        ["Queues:Outbound:PollInterval"] = "00:00:00.100",
        ["Queues:Notices:PollInterval"] = "00:00:00.100",
        ["Queues:Inbound:Lease"] = "00:00:05",
        ["Queues:Outbound:Lease"] = "00:00:30",
        ["Queues:Notices:Lease"] = "00:00:05",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    /// <summary>Starts a Bot (<c>--Role bot</c>).</summary>
    public static Task<HostProcess> StartBotAsync(IReadOnlyDictionary<string, string?> settings) =>
        HostProcess.StartAsync(HostProcess.Bot, new Dictionary<string, string?>(settings) { ["Role"] = "bot" });

    /// <summary>Starts a Notifier (the Notifier project on its own).</summary>
    public static Task<HostProcess> StartNotifierAsync(IReadOnlyDictionary<string, string?> settings) =>
        HostProcess.StartAsync(HostProcess.Notifier, settings);

    /// <summary>The group transcript as the operator API returns it.</summary>
    public static async Task<List<TestHost.Line>> TranscriptAsync(HttpClient http, string groupId) =>
        (await http.GetFromJsonAsync<List<TestHost.Line>>($"/api/chat/groups/{groupId}/transcript?after=0", TestHost.Json))!;

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }
}

/// <summary>The tests that share one <see cref="Topology"/>: the fault drills and the cross-slot check.</summary>
[CollectionDefinition(Name)]
public sealed class TopologyCollection : ICollectionFixture<Topology>
{
    public const string Name = "topology";
}

/// <summary>A second <see cref="Topology"/>, run beside the first: the clustered scheduler, Sentinel and the local-cluster script.</summary>
[CollectionDefinition(Name)]
public sealed class SecondTopologyCollection : ICollectionFixture<Topology>
{
    public const string Name = "topology-2";
}
