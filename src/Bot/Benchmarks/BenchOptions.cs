using System.Globalization;
using GridService.Bot.Cli;

namespace GridService.Bot.Benchmarks;

/// <summary>What <c>bench callbacks</c> was asked to do.</summary>
internal sealed record BenchOptions(int Messages, int Rate, int Workers, int Warmup, string? Redis)
{
    public static BenchOptions From(CliArgs cli) => new(
        Count(cli, "--messages", 20_000, min: 1), Count(cli, "--rate", 1_200, min: 0), Count(cli, "--workers", 8, min: 0),
        Count(cli, "--warmup", 5_000, min: 0), cli.Option("--redis"));

    private static int Count(CliArgs cli, string name, int fallback, int min) =>
        cli.Option(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min ? n
        : throw new CliException($"bench callbacks: {name} takes a whole number of at least {min}");
}
