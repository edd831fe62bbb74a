using GridService.Core.Hosting;

namespace GridService.Notifier.Hosting;

/// <summary>
/// Publishes the settings this Notifier decides messages with (<see cref="HostSettings"/>) when it starts, so that
/// command-line tools queueing messages route them as this host does, never with their own mapping.
/// </summary>
public sealed partial class HostSettingsPublisher(HostSettings settings, IConfiguration configuration, TimeProvider time, ILogger<HostSettingsPublisher> logger)
    : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await settings.PublishAsync(configuration, time.GetUtcNow());
        Log.Published(logger, string.Join(", ", HostSettings.Sections));
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventIds.Managers + 30, LogLevel.Information, "Published the delivery settings ({Sections}) for command-line tools")]
        public static partial void Published(ILogger logger, string sections);
    }
}
