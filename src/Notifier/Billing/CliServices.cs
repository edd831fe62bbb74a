using GridService.Core.Hosting;
using GridService.Notifier.Hosting;

namespace GridService.Notifier.Billing;

/// <summary>
/// The Notifier's services for a command that works on the store without starting the host: configuration from
/// appsettings.json, the environment and <c>--Section:Key value</c> arguments; logs (warnings up) on stderr.
/// </summary>
public static class CliServices
{
    /// <summary>Builds the container; the store opens on first use.</summary>
    public static ServiceProvider Build(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var configuration = Configuration(args);
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis")))
        {
            error.WriteLine($"No ConnectionStrings:Redis: using the embedded store in '{configuration["Store:DataDirectory"] ?? "data"}'. "
                + "Stop a running host that uses the same directory first, or point both at one Redis.");
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddGridCore(configuration);
        services.AddNotifierHost(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>appsettings.json beside the program, the environment, then <c>--Section:Key value</c> pairs.</summary>
    public static IConfiguration Configuration(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(Pairs(args ?? []))
        .Build();

    private static IEnumerable<KeyValuePair<string, string?>> Pairs(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':', StringComparison.Ordinal)) yield return new(args[i][2..], args[++i]);
        }
    }
}
