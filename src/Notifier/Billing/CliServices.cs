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
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddGridCore(configuration);
        services.AddNotifierHost(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The tool's configuration (see <see cref="CliConfiguration"/>).</summary>
    public static IConfiguration Configuration(string[] args) => CliConfiguration.Build(args ?? []);
}
