using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace GridService.Cluster.Tests.Faults;

/// <summary>deploy/local-cluster.sh as an operator runs it: start, a question through one Bot answered, status, stop.</summary>
[Trait("Category", "Cluster")]
[Collection(SecondTopologyCollection.Name)]
public sealed class LocalClusterScriptTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task StartThenStop_TwoBotsTwoNotifiersOnRedisClusterAndPostgres_AnswerThenLeaveNothingRunning()
    {
        Skip.If(Topology.Unavailable is not null, Topology.Unavailable);
        var script = Path.Combine(RepoRoot(), "deploy", "local-cluster.sh");
        var folder = Path.Combine(Path.GetTempPath(), "gs-local-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        var ports = Enumerable.Range(0, 8).Select(_ => HostProcess.FreePort()).Distinct().ToList();
        var environment = new Dictionary<string, string>
        {
            ["GS_CLUSTER_DIR"] = folder,
            ["GS_BIN_DIR"] = AppContext.BaseDirectory,
            ["GS_REDIS_PORTS"] = string.Join(' ', ports.Take(3)),
            ["GS_PG_PORT"] = $"{ports[3]}",
            ["GS_BOT_PORTS"] = $"{ports[4]} {ports[5]}",
            ["GS_NOTIFIER_PORTS"] = $"{ports[6]} {ports[7]}",
        };
        try
        {
            var started = await RunAsync(script, "start", environment);
            output.WriteLine(started.Output);
            Assert.Equal(0, started.ExitCode);
            var pids = Directory.GetFiles(Path.Combine(folder, "pids"), "*.pid").ToDictionary(f => Path.GetFileNameWithoutExtension(f)!, f => int.Parse(File.ReadAllText(f).Trim(), System.Globalization.CultureInfo.InvariantCulture));
            string[] expected = ["bot-1", "bot-2", "notifier-1", "notifier-2", "postgres", $"redis-{ports[0]}", $"redis-{ports[1]}", $"redis-{ports[2]}"];
            Assert.Equal(expected.Order(StringComparer.Ordinal), pids.Keys.Order(StringComparer.Ordinal));

            using var bot1 = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[4]}") };
            using var bot2 = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[5]}") };
            var id = "script-" + Guid.NewGuid().ToString("N")[..6];
            var response = await bot1.PostAsJsonAsync("/api/chat/inbound", new { messageId = id, groupId = "grp-xingfuli", senderId = "u-xfl-001", senderName = "王", text = "@小电 电费在哪里交", mentionsBot = true });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await ServerTools.WaitUntilAsync(async () => (await Topology.TranscriptAsync(bot2, "grp-xingfuli")).Any(l => l.ReplyTo == id), "the answer, read through the other Bot", TimeSpan.FromSeconds(60));
            Assert.True(File.Exists(Path.Combine(folder, "logs", "notifier-1.log")));

            var stopped = await RunAsync(script, "stop", environment);
            output.WriteLine(stopped.Output);
            Assert.Equal(0, stopped.ExitCode);
            Assert.All(pids, p => Assert.False(IsRunning(p.Value), $"{p.Key} (pid {p.Value}) still runs"));
        }
        finally
        {
            await RunAsync(script, "stop", environment);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } // best effort
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string script, string command, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(command);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cts.Token);
        // A child that kept the script's output open would hold the pipe: read what there is, briefly.
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(5)));
        return (process.ExitCode, (stdout.IsCompleted ? stdout.Result : "") + (stderr.IsCompleted ? stderr.Result : ""));
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GridService.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("GridService.sln not found above " + AppContext.BaseDirectory);
    }
}
