using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GridService.Bot.Tests.EndToEnd;

/// <summary>The built Bot as a separate process (<c>dotnet GridService.Bot.dll</c>), so a test can kill it for real.</summary>
public sealed class ProcessHost : IAsyncDisposable
{
    private readonly Process _process;

    private ProcessHost(Process process, HttpClient http)
    {
        _process = process;
        Http = http;
    }

    /// <summary>A client for the process's HTTP endpoint.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts the Bot on a free port with the given data directory and key prefix; waits for /healthz.</summary>
    public static async Task<ProcessHost> StartAsync(string dataDirectory, string keyPrefix, params string[] extra)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "GridService.Bot.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in (string[])[dll, "--urls", $"http://127.0.0.1:{port}", "--Store:DataDirectory", dataDirectory,
                     "--Store:KeyPrefix", keyPrefix, "--ConnectionStrings:Redis", Environment.GetEnvironmentVariable("GRIDSERVICE_TEST_REDIS") ?? "",
                     "--Logging:LogLevel:Default", "Warning", .. extra])
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The Bot process did not become healthy (exited: {process.HasExited}).");
            }

            await Task.Delay(100);
        }

        return new ProcessHost(process, http);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }
}
