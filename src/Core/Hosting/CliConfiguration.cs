using Microsoft.Extensions.Configuration;

namespace GridService.Core.Hosting;

/// <summary>
/// Configuration of a command-line tool, read as the host reads its own: <c>appsettings.json</c> beside the program,
/// the environment (<c>Section__Key</c>), then <c>--Section:Key value</c> pairs. A tool that opens the embedded store
/// reaches a running host's store through its data folder rather than starting a second one.
/// </summary>
public static class CliConfiguration
{
    /// <summary>Builds it from the command line.</summary>
    public static IConfiguration Build(IEnumerable<string> args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddInMemoryCollection([new("Store:AttachToRunningHost", "true")])
        .AddEnvironmentVariables()
        .AddInMemoryCollection(Pairs([.. args]))
        .Build();

    /// <summary>The <c>--Section:Key value</c> (or <c>--Section:Key=value</c>) pairs among <paramref name="args"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Pairs(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || !arg.Contains(':', StringComparison.Ordinal)) continue;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) yield return new(arg[2..eq], arg[(eq + 1)..]);
            else if (i + 1 < args.Count) yield return new(arg[2..], args[++i]);
        }
    }
}
