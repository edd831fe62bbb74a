using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace GridService.Bot.Tests.Readme;

/// <summary>
/// README.md's examples, run as a newcomer would type them: every line of a <c>```bash</c> block that is a
/// <c>curl</c> request or a <c>dotnet run --project src/…</c> command runs against a started host and must succeed
/// (exit code 0, no HTTP error). Syntax summaries with optional <c>[--flags]</c> belong in <c>```text</c> blocks.
/// Benchmarks are left out (minutes of load; their figures are quoted from real runs).
/// </summary>
[Trait("Category", "Process")]
public sealed partial class ReadmeTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gridservice-readme-" + Guid.NewGuid().ToString("N")[..8]);
    private TestHost _host = null!;

    // The embedded store in a folder of its own, under the default key prefix: as `dotnet run` would run it, so the
    // command-line tools find the host's store through the folder.
    public async Task InitializeAsync() => _host = await TestHost.StartAsync(
        new Dictionary<string, string> { ["ConnectionStrings:Redis"] = "", ["Store:KeyPrefix"] = "gs" }, dataDirectory: _data);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } // best effort
    }

    [Fact]
    public void Readme_HasTheTwoCommandsAndRunnableExamples()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));

        Assert.Contains("dotnet run --project src/Bot", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test", readme, StringComparison.Ordinal);
        Assert.True(Commands().Count(c => c.StartsWith("curl", StringComparison.Ordinal)) >= 3, "the tour has fewer than three curl examples");
        Assert.True(Commands().Count(c => c.StartsWith("dotnet run", StringComparison.Ordinal)) >= 5, "the command-line section has fewer than five examples");
    }

    [Fact]
    public async Task ReadmeExamples_RunVerbatimAgainstAStartedHost_AllSucceed()
    {
        var failures = new List<string>();
        foreach (var command in Commands())
        {
            var (code, output) = command.StartsWith("curl", StringComparison.Ordinal) ? await CurlAsync(command) : await DotnetAsync(command);
            if (code != 0) failures.Add($"{command}\n  → exit {code}: {Tail(output)}");
            if (command.Contains("/api/chat/inbound", StringComparison.Ordinal)) await _host.SettleAsync();
        }

        Assert.True(failures.Count == 0, "README examples that failed:\n" + string.Join("\n", failures));
    }

    /// <summary>The runnable lines of README's bash blocks: continuation lines joined, comments dropped.</summary>
    internal static IReadOnlyList<string> Commands()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
        var commands = new List<string>();
        foreach (Match block in BashBlock().Matches(readme))
        {
            var joined = Regex.Replace(block.Groups[1].Value, @"\\\r?\n\s*", " ");
            foreach (var raw in joined.Split('\n'))
            {
                var line = StripComment(raw).Trim();
                if (line.StartsWith("curl ", StringComparison.Ordinal)
                    || (line.StartsWith("dotnet run --project src/", StringComparison.Ordinal) && line.Contains(" -- ", StringComparison.Ordinal)
                        && !line.Contains(" bench ", StringComparison.Ordinal)))
                {
                    commands.Add(line);
                }
            }
        }

        return commands;
    }

    private async Task<(int Code, string Output)> CurlAsync(string command)
    {
        var line = command.Replace("http://127.0.0.1:5080", _host.Http.BaseAddress!.ToString().TrimEnd('/'), StringComparison.Ordinal);
        return await RunAsync("bash", ["-c", line.Replace("curl ", "curl --fail-with-body --max-time 20 ", StringComparison.Ordinal)]);
    }

    // `dotnet run --project src/Bot -- args` runs the built program from the repository root, as dotnet run would,
    // pointed at the test host's data folder so tools that read the store find the running host.
    private async Task<(int Code, string Output)> DotnetAsync(string command)
    {
        var m = DotnetRun().Match(command);
        Assert.True(m.Success, "Unreadable command: " + command);
        var dll = Path.Combine(AppContext.BaseDirectory, $"GridService.{m.Groups["project"].Value}.dll");
        var args = new List<string> { dll };
        args.AddRange(ShellWords(m.Groups["args"].Value));
        args.AddRange(["--Store:DataDirectory", _data]);
        return await RunAsync("dotnet", args);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string StripComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0') { if (c == quote) quote = '\0'; }
            else if (c is '\'' or '"') quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i];
        }

        return line;
    }

    private static List<string> ShellWords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var quote = '\0';
        var inWord = false;
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else current.Append(c);
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord) words.Add(current.ToString());
        return words;
    }

    private static string Tail(string output) => output.Length <= 600 ? output.Trim() : "…" + output[^600..].Trim();

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex(@"^dotnet run --project src/(?<project>Bot|Notifier)(?: -c Release)? -- (?<args>.*)$")]
    private static partial Regex DotnetRun();

    private static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GridService.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("GridService.sln not found above " + AppContext.BaseDirectory);
    }
}
