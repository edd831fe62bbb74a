using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GridService.TestKit;

/// <summary>
/// A built host (<c>dotnet GridService.Bot.dll</c> or <c>GridService.Notifier.dll</c>) as a child process on a free
/// loopback port, so a test can SIGKILL it for real. Its output is kept for failure messages.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private HostProcess(Process process, ConcurrentQueue<string> output, HttpClient http)
    {
        _process = process;
        _output = output;
        Http = http;
    }

    /// <summary>The Bot (all-in-one unless <c>--Role</c> says otherwise).</summary>
    public const string Bot = "GridService.Bot.dll";

    /// <summary>The Notifier on its own.</summary>
    public const string Notifier = "GridService.Notifier.dll";

    /// <summary>A client for the process's HTTP endpoint.</summary>
    public HttpClient Http { get; }

    /// <summary>The process id.</summary>
    public int Pid => _process.Id;

    /// <summary>The last lines the process wrote.</summary>
    public string Tail => string.Join("\n", _output.TakeLast(30));

    /// <summary>Everything the process wrote so far.</summary>
    public string Output => string.Join("\n", _output);

    /// <summary>
    /// Where every process a test starts keeps its trained model, unless the test names another folder: the first
    /// process of a build trains it (1.2-2 s of CPU), every later one reads it in milliseconds.
    /// </summary>
    public static string SharedModelDirectory { get; } = Path.Combine(Path.GetTempPath(), "gridservice-test-models");

    /// <summary>
    /// Starts <paramref name="dll"/> with <paramref name="settings"/> as <c>--Key value</c> pairs (the store defaults to
    /// <c>GRIDSERVICE_TEST_REDIS</c> when set); waits for <c>/healthz</c>.
    /// </summary>
    public static async Task<HostProcess> StartAsync(string dll, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(dll, settings);
            }
            catch (PortTakenException) when (attempt < 3)
            {
                // FreePort's port is free only when it is chosen: a process another test started bound it first.
            }
        }
    }

    private static async Task<HostProcess> StartOnFreePortAsync(string dll, IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort();
        var (process, output) = Launch(dll, port, settings);
        var host = new HostProcess(process, output, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await host.Http.GetAsync("/healthz")).IsSuccessStatusCode) return host;
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var exited = process.HasExited;
                await Task.Delay(200); // the last lines of a process that stopped
                var tail = host.Tail;
                await host.DisposeAsync();
                var message = $"{dll} did not become healthy (exited: {exited}):\n{tail}";
                throw exited && tail.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
                    ? new PortTakenException(message)
                    : new InvalidOperationException(message);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Runs <paramref name="dll"/> with <paramref name="settings"/> until it exits by itself (a refused start, a CLI
    /// command); returns its exit code and everything it wrote. Killed and reported as -1 after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(
        string dll, IReadOnlyDictionary<string, string?> settings, TimeSpan timeout, IReadOnlyList<string>? command = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (process, output) = Launch(dll, FreePort(), settings, command);
        using (process)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return (-1, string.Join("\n", output));
            }

            process.WaitForExit(); // drains the redirected output
            return (process.ExitCode, string.Join("\n", output));
        }
    }

    /// <summary>Signals the process to stop (SIGTERM on Linux) and waits up to <paramref name="timeout"/>; true when it exited.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The exit code, once exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    private static (Process Process, ConcurrentQueue<string> Output) Launch(
        string dll, int port, IReadOnlyDictionary<string, string?> settings, IReadOnlyList<string>? command = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var word in command ?? []) info.ArgumentList.Add(word);
        var all = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings:Redis"] = Environment.GetEnvironmentVariable(StoreFixture.EnvironmentVariable) ?? "",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Knowledge:ModelDirectory"] = SharedModelDirectory,
        };
        foreach (var (key, value) in settings) all[key] = value;
        foreach (var (key, value) in all)
        {
            info.ArgumentList.Add("--" + key);
            info.ArgumentList.Add(value ?? "");
        }

        var output = new ConcurrentQueue<string>();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }

    /// <summary>SIGKILL: no shutdown code runs, in-flight requests are cut.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>
    /// A loopback port free at this moment, below the system's ephemeral range. The kernel hands out ports from that
    /// range for every port-0 bind and every outgoing connection (thousands in a test run), so a port chosen there can
    /// be taken before the process it was chosen for binds it (the likely cause of a Redis Cluster node and of a
    /// local-cluster host that never answered in CI-like runs). Below it only another chooser can meet it;
    /// <see cref="StartAsync"/> and the Redis Cluster starter then start again on another port.
    /// </summary>
    public static int FreePort()
    {
        var top = Math.Min(EphemeralLow.Value, 32768);
        for (var attempt = 0; top > ChosenLow + 1000 && attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(ChosenLow, top);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: choose again
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Ports chosen for test processes start here; the ephemeral range's start is read from Linux, 32768 elsewhere.
    private const int ChosenLow = 20000;

    private static readonly Lazy<int> EphemeralLow = new(() =>
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    });

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A started host exited because another process had bound the port it was given.</summary>
public sealed class PortTakenException(string message) : InvalidOperationException(message);
