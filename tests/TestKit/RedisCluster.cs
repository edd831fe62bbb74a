using System.Diagnostics;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace GridService.TestKit;

/// <summary>
/// A real Redis Cluster on loopback: <c>redis-server --cluster-enabled yes</c> per node in a temporary folder and
/// <c>redis-cli --cluster create</c>, with replicas when asked (for failover). Each node is a child process this
/// object started, stopped by its own PID. <see cref="Unavailable"/> says why tests must skip without redis-server.
/// </summary>
public sealed partial class RedisCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Dictionary<int, Process> _nodes = [];

    private RedisCluster(string directory) => _directory = directory;

    /// <summary>Why a cluster cannot be started here, or null when it can.</summary>
    public static string? Unavailable =>
        ServerTools.Find("redis-server") is null || ServerTools.Find("redis-cli") is null
            ? "redis-server/redis-cli are not installed (apt-get install redis-server, as .ci/run does)"
            : null;

    /// <summary>The nodes' ports, masters first as created.</summary>
    public IReadOnlyList<int> Ports => [.. _nodes.Keys];

    /// <summary>A StackExchange.Redis connection string naming every node.</summary>
    public string ConnectionString => string.Join(',', _nodes.Keys.Select(p => $"127.0.0.1:{p}")) + ",abortConnect=false,connectTimeout=2000";

    /// <summary>Starts <paramref name="masters"/> masters with <paramref name="replicas"/> replicas each and waits for <c>cluster_state:ok</c>.</summary>
    public static async Task<RedisCluster> StartAsync(int masters = 3, int replicas = 0)
    {
        if (Unavailable is { } reason) throw new InvalidOperationException(reason);
        var cluster = new RedisCluster(Path.Combine(Path.GetTempPath(), $"gridservice-cluster-{Guid.NewGuid():N}"[..29]));
        Directory.CreateDirectory(cluster._directory);
        try
        {
            for (var i = 0; i < masters * (1 + replicas); i++) await cluster.StartAnsweringNodeAsync();

            var create = new List<string> { "--cluster", "create" };
            create.AddRange(cluster._nodes.Keys.Select(p => $"127.0.0.1:{p}"));
            create.AddRange(["--cluster-replicas", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cluster-yes"]);
            var (code, output) = await ServerTools.RunAsync(ServerTools.Find("redis-cli")!, create, timeout: TimeSpan.FromSeconds(60));
            if (code != 0) throw new InvalidOperationException($"redis-cli --cluster create failed: {output}");
            foreach (var port in cluster._nodes.Keys) await WaitHealthyAsync(port);
            if (replicas > 0)
            {
                await ServerTools.WaitUntilAsync(async () => (await cluster.ReplicasInSyncAsync()) == masters * replicas, "replicas in sync", TimeSpan.FromSeconds(60));
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    // A node on a port FreePort chose; chosen again when the node exits before answering, as redis-server does when
    // another process (a host or store another test started) bound the port between the choice and the node's bind.
    private async Task StartAnsweringNodeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = HostProcess.FreePort();
            StartNode(port);
            var node = _nodes[port];
            try
            {
                await ServerTools.WaitUntilAsync(async () => node.HasExited || (await CliAsync(port, "PING")).Contains("PONG", StringComparison.Ordinal),
                    $"redis node {port} answering");
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}; its log:\n{LogTail(port)}", e); // the folder goes with the cluster
            }

            if (!node.HasExited) return;

            _nodes.Remove(port);
            node.Dispose();
            if (attempt == 3) throw new InvalidOperationException($"redis node on {port} exited before answering:\n{LogTail(port)}");
        }
    }

    private string LogTail(int port)
    {
        var log = Path.Combine(_directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture), "redis.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(5)) : "(no log)";
    }

    private void StartNode(int port)
    {
        var dir = Path.Combine(_directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        _nodes[port] = ServerTools.Start(ServerTools.Find("redis-server")!,
        [
            "--port", $"{port}", "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", "2000", "--save", "", "--appendonly", "no", "--dir", dir, "--logfile", Path.Combine(dir, "redis.log"),
        ], dir);
    }

    /// <summary>Runs <c>redis-cli -p port args</c>; returns its output.</summary>
    public static async Task<string> CliAsync(int port, params string[] args)
    {
        var (_, output) = await ServerTools.RunAsync(ServerTools.Find("redis-cli")!, ["-p", $"{port}", .. args], timeout: TimeSpan.FromSeconds(30));
        return output;
    }

    private static async Task WaitHealthyAsync(int port) =>
        await ServerTools.WaitUntilAsync(async () => (await CliAsync(port, "CLUSTER", "INFO")).Contains("cluster_state:ok", StringComparison.Ordinal),
            $"cluster_state:ok on {port}", TimeSpan.FromSeconds(60));

    /// <summary>The port of a master and the port of one of its replicas.</summary>
    public async Task<(int Master, int Replica)> MasterWithReplicaAsync()
    {
        foreach (var port in _nodes.Keys)
        {
            var info = await CliAsync(port, "INFO", "replication");
            if (!info.Contains("role:slave", StringComparison.Ordinal)) continue;
            var master = int.Parse(MasterPort().Match(info).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return (master, port);
        }

        throw new InvalidOperationException("no replica in this cluster");
    }

    private async Task<int> ReplicasInSyncAsync()
    {
        var count = 0;
        foreach (var port in _nodes.Keys)
        {
            var info = await CliAsync(port, "INFO", "replication");
            if (info.Contains("role:slave", StringComparison.Ordinal) && info.Contains("master_link_status:up", StringComparison.Ordinal)) count++;
        }

        return count;
    }

    /// <summary>SIGKILLs one node (no shutdown, nothing flushed).</summary>
    public void Kill(int port)
    {
        var node = _nodes[port];
        if (!node.HasExited) node.Kill();
        node.WaitForExit();
    }

    /// <summary>Starts a killed node again on its port and folder: it rejoins the cluster (a killed master as a replica of its successor).</summary>
    public async Task RestartAsync(int port)
    {
        _nodes[port].Dispose();
        StartNode(port);
        await ServerTools.WaitUntilAsync(async () => (await CliAsync(port, "PING")).Contains("PONG", StringComparison.Ordinal), $"redis node {port} answering");
        await WaitHealthyAsync(port);
    }

    /// <summary>Promotes <paramref name="replica"/> to master at once (its master is dead) and waits until the cluster is whole again.</summary>
    public async Task PromoteAsync(int replica)
    {
        var answer = await CliAsync(replica, "CLUSTER", "FAILOVER", "TAKEOVER");
        if (!answer.Contains("OK", StringComparison.Ordinal)) throw new InvalidOperationException($"CLUSTER FAILOVER TAKEOVER on {replica}: {answer}");
        await ServerTools.WaitUntilAsync(async () => (await CliAsync(replica, "INFO", "replication")).Contains("role:master", StringComparison.Ordinal), $"{replica} promoted");
        foreach (var port in _nodes.Keys.Where(p => !_nodes[p].HasExited)) await WaitHealthyAsync(port);
    }

    /// <summary>How many commands the live nodes refused with CROSSSLOT since they started (INFO errorstats).</summary>
    public async Task<long> CrossSlotErrorsAsync()
    {
        long total = 0;
        foreach (var port in _nodes.Keys.Where(p => !_nodes[p].HasExited))
        {
            var match = CrossSlot().Match(await CliAsync(port, "INFO", "errorstats"));
            if (match.Success) total += long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return total;
    }

    /// <summary>A connection to the cluster.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(ConnectionString);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            try
            {
                if (!node.HasExited) node.Kill();
                node.WaitForExit();
            }
            catch (InvalidOperationException)
            {
            }

            node.Dispose();
        }

        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"master_port:(\d+)")]
    private static partial Regex MasterPort();

    [GeneratedRegex(@"errorstat_CROSSSLOT:count=(\d+)")]
    private static partial Regex CrossSlot();
}
