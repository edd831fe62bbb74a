using GridService.Core.Hosting;
using GridService.Core.Storage;
using GridService.Notifier.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridService.Notifier.Billing;

/// <summary>
/// The Notifier's services for a command that works on the store without starting the host: configuration from
/// appsettings.json, the environment and <c>--Section:Key value</c> arguments, except the settings that decide how
/// messages are routed, worded and timed, which are the ones the running host published (<see cref="HostSettings"/>):
/// a message a command queues goes exactly where the host would send it. Logs (warnings up) on stderr.
/// </summary>
public static class CliServices
{
    /// <summary>
    /// Builds the container on the store; null (with the reason on <paramref name="error"/>) when
    /// <paramref name="needsHostSettings"/> and no host ever published its settings to this store.
    /// </summary>
    public static async Task<ServiceProvider?> BuildAsync(string[] args, TextWriter error, bool needsHostSettings)
    {
        ArgumentNullException.ThrowIfNull(error);
        var own = Configuration(args);
        var storeOptions = new StoreOptions();
        own.GetSection(StoreOptions.Section).Bind(storeOptions);
        var store = await RedisStore.OpenAsync(own.GetConnectionString("Redis"), storeOptions, NullLogger.Instance);
        var published = await new HostSettings(store).ReadAsync();
        if (published is null && needsHostSettings)
        {
            await store.DisposeAsync();
            await error.WriteLineAsync("no Notifier has published its delivery settings to this store yet, so messages this command queues could " +
                                       "not be routed as the host routes them. Start the host (or the all-in-one host) once, then run the command again; nothing was changed.");
            return null;
        }

        var configuration = published is { } settings ? HostSettings.Overlay(own, settings.Values) : own;
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddGridCore(configuration);
        services.AddNotifierHost(configuration);
        services.AddSingleton(_ => store); // the store opened above (the container disposes it)
        return services.BuildServiceProvider();
    }

    /// <summary>The tool's own configuration (see <see cref="CliConfiguration"/>).</summary>
    public static IConfiguration Configuration(string[] args) => CliConfiguration.Build(args ?? []);
}
