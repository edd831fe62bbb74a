using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using GridService.Bot.Tests.Channels.WeCom;
using GridService.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridService.Bot.Tests.Security;

/// <summary>A fact that runs only where <c>redis-server</c> is installed (CI installs it).</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (RedisServer.Path is null) Skip = "redis-server is not installed (apt-get install redis-server; .ci/run does)";
    }
}

/// <summary>A redis-server child process on a free loopback port, killed for real.</summary>
public sealed class RedisServer : IDisposable
{
    private Process? _process;

    private readonly string _dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gridservice-redis-" + Guid.NewGuid().ToString("N")[..8]);

    private RedisServer(int port) => Port = port;

    public static string? Path { get; } = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    public int Port { get; }

    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        var server = new RedisServer(port ?? HostProcess.FreePort());
        await server.RestartAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        // Every write is fsynced to the append-only file, so a SIGKILL loses nothing and a restart has the data back.
        Directory.CreateDirectory(_dir);
        var info = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
                     "--appendonly", "yes", "--appendfsync", "always", "--dir", _dir])
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } // best effort
    }
}

/// <summary>
/// Stopping a store and starting it again on the same port must not meet another test's store on that port (a port
/// freed during the outage can be taken by a host starting in parallel), so these run alone.
/// </summary>
[CollectionDefinition(nameof(StoreOutageTests), DisableParallelization = true)]
public sealed class StoreOutageCollection;

[Collection(nameof(StoreOutageTests))]
public sealed class StoreOutageTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(1);

    [RedisServerFact]
    public async Task RedisServerKilledMidRun_EveryCallerGets503WithRetryAfterWithinASecond_OneWarning_RecoversByItself()
    {
        using var redis = await RedisServer.StartAsync();
        await OutageAsync(redis.Port, () => redis.Kill(), redis.RestartAsync);
    }

    [Fact]
    public async Task EmbeddedGarnetStoppedMidRun_EveryCallerGets503WithRetryAfterWithinASecond_OneWarning_RecoversByItself()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gridservice-outage-" + Guid.NewGuid().ToString("N")[..8]);
        var port = HostProcess.FreePort();
        var garnet = EmbeddedGarnet.Start(folder, port, NullLogger.Instance);
        try
        {
            await OutageAsync(port, () => garnet.Dispose(), () =>
            {
                garnet = EmbeddedGarnet.Start(folder, port, NullLogger.Instance);
                return Task.CompletedTask;
            });
        }
        finally
        {
            garnet.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } // best effort
        }
    }

    // A host on the store at 127.0.0.1:port; the store is stopped, every kind of caller is timed, the store comes back.
    private static async Task OutageAsync(int port, Action stop, Func<Task> restart)
    {
        var logs = new ConcurrentQueue<string>();
        await using var host = await TestHost.StartAsync(
            new Dictionary<string, string> { ["ConnectionStrings:Redis"] = $"127.0.0.1:{port}", ["Admin:Token"] = "t" },
            services => services.AddSingleton<ILoggerProvider>(new CapturedLogs(logs)));
        Assert.Equal(HttpStatusCode.Accepted, (await host.SayAsync("grp-xingfuli", "u-xfl-001", "@小电 电费在哪里交", "before")).StatusCode);

        stop();
        var timings = new List<(string What, HttpStatusCode Status, TimeSpan Took, bool RetryAfter)>();
        for (var round = 0; round < 5; round++)
        {
            timings.Add(await TimeAsync("bridge", () => host.SayAsync("grp-xingfuli", "u-xfl-001", "@小电 电费在哪里交", $"down-{round}")));
            timings.Add(await TimeAsync("readyz", () => host.Http.GetAsync("/readyz")));
            timings.Add(await TimeAsync("workorders", () => host.Http.GetAsync("/api/workorders")));
            timings.Add(await TimeAsync("transcript", () => host.Http.GetAsync("/api/chat/groups/grp-xingfuli/transcript")));
            timings.Add(await TimeAsync("wecom", () => host.Http.PostAsync("/wecom/aibot/grid?msg_signature=a&timestamp=1&nonce=n", new StringContent("{}"))));
        }

        Assert.All(timings, t =>
        {
            Assert.True(t.Status == HttpStatusCode.ServiceUnavailable, $"{t.What}: {t.Status}");
            Assert.True(t.Took < Fast, $"{t.What} took {t.Took.TotalMilliseconds:0} ms");
            Assert.True(t.RetryAfter, $"{t.What} has no Retry-After");
        });
        Assert.True((await host.Http.GetAsync("/healthz")).IsSuccessStatusCode);
        Assert.Single(logs, l => l.Contains("[900]", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Contains("   at ", StringComparison.Ordinal));

        await restart();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        while ((status = (await host.SayAsync("grp-xingfuli", "u-xfl-001", "@小电 电费在哪里交", "after")).StatusCode) != HttpStatusCode.Accepted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/readyz")).StatusCode);
        await host.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "after", TimeSpan.FromSeconds(20));
    }

    private static async Task<(string, HttpStatusCode, TimeSpan, bool)> TimeAsync(string what, Func<Task<HttpResponseMessage>> call)
    {
        var watch = Stopwatch.StartNew();
        using var response = await call();
        watch.Stop();
        return (what, response.StatusCode, watch.Elapsed, response.Headers.RetryAfter is not null);
    }
}
