using GridService.Core.Grid;
using GridService.Core.Samples;
using GridService.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridService.Core.Hosting;

/// <summary>
/// Loads the sample county into an empty store at start-up (<c>Samples:Seed</c>, on by default). Several hosts
/// starting together on one store seed it once: one takes a Redis lock and seeds, the others wait for it.
/// </summary>
public sealed partial class SampleSeeder(GridDirectory directory, RedisStore store, IConfiguration configuration, ILogger<SampleSeeder> logger) : IHostedService
{
    private static readonly TimeSpan LockTime = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Samples:Seed", defaultValue: true) || !await directory.IsEmptyAsync()) return;
        var key = $"{store.Keys.Prefix}:seeding";
        await using var held = await RedisLock.TryAcquireAsync(store.Db, key, LockTime);
        if (held is null)
        {
            // Another host is seeding: start once it has finished (or its lock ran out).
            for (var waited = TimeSpan.Zero; waited < LockTime && await store.Db.KeyExistsAsync(key); waited += TimeSpan.FromMilliseconds(200))
            {
                await Task.Delay(200, cancellationToken);
            }

            return;
        }

        if (!await directory.IsEmptyAsync()) return;
        var folder = configuration["Samples:Directory"] is { Length: > 0 } configured ? configured : SampleLoader.FindSamplesDirectory();
        var counts = await SampleLoader.LoadAsync(folder, directory, cancellationToken);
        Log.Seeded(logger, folder, counts.Areas, counts.Groups, counts.Customers, counts.Bills, counts.Notices);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventIds.Hosting + 1, LogLevel.Information, "Loaded samples from {Folder}: {Areas} areas, {Groups} groups, {Customers} customers, {Bills} bills, {Notices} notices")]
        public static partial void Seeded(ILogger logger, string folder, int areas, int groups, int customers, int bills, int notices);
    }
}
