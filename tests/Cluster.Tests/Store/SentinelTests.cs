using System.Diagnostics;
using GridService.Core.Chat;
using GridService.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace GridService.Cluster.Tests.Store;

/// <summary>
/// The Sentinel connection string README documents (<c>host:26379,serviceName=gridservice</c>) against a real master,
/// replica and sentinel on loopback: the store opens through the sentinel, queues work, and after the master is
/// killed and the sentinel promotes the replica it still has what it had and takes new work.
/// </summary>
[Trait("Category", "Cluster")]
[Collection(SecondTopologyCollection.Name)]
public sealed class SentinelTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gs-sentinel-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<Process> _processes = [];

    [SkippableFact]
    public async Task OpenAsync_SentinelConnectionString_QueuesThroughAFailover()
    {
        Skip.If(RedisCluster.Unavailable is not null, RedisCluster.Unavailable);
        Directory.CreateDirectory(_folder);
        int master = HostProcess.FreePort(), replica = HostProcess.FreePort(), sentinel = HostProcess.FreePort();
        var masterProcess = Redis(master);
        Redis(replica, "--replicaof", "127.0.0.1", $"{master}");
        var config = Path.Combine(_folder, "sentinel.conf");
        await File.WriteAllTextAsync(config, $"""
            port {sentinel}
            bind 127.0.0.1
            sentinel monitor gridservice 127.0.0.1 {master} 1
            sentinel down-after-milliseconds gridservice 1000
            sentinel failover-timeout gridservice 5000
            """);
        _processes.Add(ServerTools.Start(ServerTools.Find("redis-server")!, [config, "--sentinel", "--logfile", Path.Combine(_folder, "sentinel.log")], _folder));
        await ServerTools.WaitUntilAsync(async () => (await RedisCluster.CliAsync(sentinel, "SENTINEL", "replicas", "gridservice")).Contains($"{replica}", StringComparison.Ordinal), "the sentinel to see the replica");

        await ServerTools.WaitUntilAsync(async () => (await RedisCluster.CliAsync(replica, "INFO", "replication")).Contains("master_link_status:up", StringComparison.Ordinal), "the replica in sync");
        var connectionString = $"127.0.0.1:{sentinel},serviceName=gridservice,abortConnect=false";
        await using var store = await RedisStore.OpenAsync(connectionString, new StoreOptions { KeyPrefix = "sentinel", ReplicaAcks = 1 }, NullLogger.Instance);
        var inbox = new Inbox(store, TimeProvider.System);
        Assert.True(await inbox.EnqueueAsync(Message("before")));

        masterProcess.Kill();
        await masterProcess.WaitForExitAsync();
        await ServerTools.WaitUntilAsync(async () => (await RedisCluster.CliAsync(replica, "INFO", "replication")).Contains("role:master", StringComparison.Ordinal),
            "the sentinel to promote the replica", TimeSpan.FromSeconds(30));
        output.WriteLine($"master {master} killed; {replica} promoted by the sentinel");

        // Nothing acknowledged before the failover is lost; the store follows the new master for new work.
        var taken = await inbox.Queue.TryTakeAsync(TimeSpan.FromMinutes(1));
        Assert.NotNull(taken);
        Assert.Contains("before", taken.Payload, StringComparison.Ordinal);
        // Replica acks need a replica; the promoted node has none until the old master returns, so write without them.
        var afterStore = new RedisStore(store.Connection, "sentinel");
        await ServerTools.WaitUntilAsync(async () =>
        {
            try
            {
                return await new Inbox(afterStore, TimeProvider.System).EnqueueAsync(Message("after"));
            }
            catch (StackExchange.Redis.RedisException)
            {
                return false;
            }
        }, "a write through the new master", TimeSpan.FromSeconds(30));
    }

    private static InboundMessage Message(string id) =>
        new(id, "simulator", "grp-xingfuli", "u-xfl-001", "王", "@小电 电费在哪里交 " + id, true, null, DateTimeOffset.UtcNow);

    private Process Redis(int port, params string[] extra)
    {
        var dir = Path.Combine(_folder, $"{port}");
        Directory.CreateDirectory(dir);
        var process = ServerTools.Start(ServerTools.Find("redis-server")!, ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--dir", dir, "--logfile", Path.Combine(dir, "redis.log"), .. extra], dir);
        _processes.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited) process.Kill();
            process.Dispose();
        }

        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } // best effort
    }
}
