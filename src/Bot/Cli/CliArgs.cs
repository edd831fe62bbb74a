namespace GridService.Bot.Cli;

/// <summary>A refused command line; the message says what to type instead.</summary>
public sealed class CliException(string message) : Exception(message);

/// <summary>Positional arguments and <c>--name value</c> options of a command line.</summary>
public sealed class CliArgs(string[] args)
{
    // Options that take no value: every flag a command reads with Flag(), so "ask --explain 停电了" keeps its text.
    private static readonly HashSet<string> Flags = ["--json", "--temporary", "--explain", "--each", "--wecom-autoreply"];

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

    /// <summary>The command line as given.</summary>
    public IReadOnlyList<string> All => args;
}
