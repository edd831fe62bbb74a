namespace GridService.Bot.Cli;

/// <summary>A refused command line; the message says what to type instead.</summary>
public sealed class CliException(string message) : Exception(message);

/// <summary>Positional arguments and <c>--name value</c> options of a command line.</summary>
public sealed class CliArgs(string[] args)
{
    private static readonly HashSet<string> Flags = ["--json"];

    /// <summary>The <paramref name="index"/>-th argument that is neither an option nor an option's value.</summary>
    public string? Positional(int index)
    {
        var seen = 0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (!Flags.Contains(args[i]) && !args[i].Contains('=', StringComparison.Ordinal)) i++;
                continue;
            }

            if (seen++ == index) return args[i];
        }

        return null;
    }

    /// <summary>The value after <paramref name="name"/> (or in <c>name=value</c>), if given.</summary>
    public string? Option(string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name)
            {
                return i + 1 < args.Length ? args[i + 1] : throw new CliException($"{name} needs a value");
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal)) return args[i][(name.Length + 1)..];
        }

        return null;
    }

    /// <summary>True when the flag is present.</summary>
    public bool Flag(string name) => args.Contains(name);

    /// <summary>All options as configuration pairs (<c>--Store:KeyPrefix x</c>).</summary>
    public IEnumerable<KeyValuePair<string, string?>> ConfigurationPairs()
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':', StringComparison.Ordinal))
            {
                yield return new(args[i][2..], args[++i]);
            }
        }
    }
}

/// <summary>Configuration for commands that need the store: appsettings, environment, <c>--Section:Key value</c>.</summary>
public static class CliConfiguration
{
    /// <summary>Builds it.</summary>
    public static IConfiguration Build(CliArgs cli) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(cli.ConfigurationPairs())
        .Build();
}
