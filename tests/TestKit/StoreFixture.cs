using GridService.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace GridService.TestKit;

/// <summary>
/// A real Redis for integration tests: the one named by <c>GRIDSERVICE_TEST_REDIS</c> (a StackExchange.Redis
/// connection string), otherwise an embedded Garnet started once per test run in a temporary directory. Use it as
/// a class fixture and give each test its own <see cref="TestStore"/>, whose keys live under a unique prefix and
/// are deleted when it is disposed, so tests run in parallel without seeing each other's data.
/// </summary>
public sealed class StoreFixture : IAsyncLifetime
{
    /// <summary>The environment variable that points the tests at an external Redis.</summary>
    public const string EnvironmentVariable = "GRIDSERVICE_TEST_REDIS";

    // One server and one multiplexer for the whole run, whichever classes and hosts use it.
    private static readonly Lazy<Task<string>> SharedServer = new(StartServerAsync);
    private static readonly Lazy<Task<IConnectionMultiplexer>> Shared = new(async () => await ConnectionMultiplexer.ConnectAsync(await SharedServer.Value));

    /// <summary>
    /// The connection string of the run's shared store: <c>GRIDSERVICE_TEST_REDIS</c>, or one embedded Garnet started
    /// on first use. Test hosts use it with a key prefix of their own, so they need not start a store each.
    /// </summary>
    public static Task<string> SharedConnectionStringAsync() => SharedServer.Value;

    /// <summary>The shared connection; valid once xunit has initialised the fixture.</summary>
    public IConnectionMultiplexer Connection { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Connection = await Shared.Value;

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A store with a fresh <c>t-xxxxxxxx</c> key prefix; dispose it to delete what the test wrote.</summary>
    public TestStore CreateStore() => new(Connection, $"t-{Guid.NewGuid():N}"[..10]);

    private static Task<string> StartServerAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(connectionString)) return Task.FromResult(connectionString);
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"gridservice-tests-{Guid.NewGuid():N}");
        var garnet = EmbeddedGarnet.Start(dataDirectory, port: 0, NullLogger.Instance);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            garnet.Dispose();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { } // best effort
        };
        return Task.FromResult(garnet.ConnectionString);
    }
}

/// <summary>One test's slice of the shared Redis: a <see cref="RedisStore"/> with its own key prefix.</summary>
public sealed class TestStore : IAsyncDisposable
{
    public TestStore(IConnectionMultiplexer connection, string prefix)
    {
        Prefix = prefix;
        // Not disposed: disposing a RedisStore closes the shared connection.
        Store = new RedisStore(connection, prefix);
    }

    /// <summary>This test's key prefix.</summary>
    public string Prefix { get; }

    /// <summary>The store to hand to the code under test.</summary>
    public RedisStore Store { get; }

    /// <summary>Every key this test wrote, sorted.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync()
    {
        var keys = new List<string>();
        foreach (var server in Store.Connection.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: Prefix + ":*", pageSize: 1_000)) keys.Add(key!);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>Deletes this test's keys.</summary>
    public async ValueTask DisposeAsync()
    {
        // One key at a time: on a cluster the keys hash to different slots.
        foreach (var key in await KeysAsync()) await Store.Db.KeyDeleteAsync(key);
    }
}
