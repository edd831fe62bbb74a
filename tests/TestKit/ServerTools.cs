using System.Diagnostics;

namespace GridService.TestKit;

/// <summary>Finding and running the external servers' programs (redis-server, PostgreSQL) that some tests start.</summary>
public static class ServerTools
{
    /// <summary>The full path of <paramref name="program"/> on PATH or in <paramref name="extraDirectories"/>, or null.</summary>
    public static string? Find(string program, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator).Concat(extraDirectories))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    /// <summary>True when this process runs as root (PostgreSQL then has to run as another user).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs <paramref name="file"/> to completion (as <paramref name="asUser"/> when given); returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, string? asUser = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(asUser is null ? file : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asUser is not null)
        {
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(asUser);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(file);
        }

        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in time");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>Starts a long-running server process whose output goes to its own log file (no pipes to fill).</summary>
    public static Process Start(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, WorkingDirectory = workingDirectory ?? Path.GetTempPath() };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return Process.Start(info)!;
    }

    /// <summary>Polls <paramref name="ready"/> until it is true; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> ready, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(ready);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await ready())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what} within {timeout ?? TimeSpan.FromSeconds(30)}");
            await Task.Delay(100);
        }
    }
}
