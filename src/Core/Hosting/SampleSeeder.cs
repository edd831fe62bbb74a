using GridService.Core.Grid;
using GridService.Core.Samples;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridService.Core.Hosting;

/// <summary>Loads the sample county into an empty store at start-up (<c>Samples:Seed</c>, on by default).</summary>
public sealed partial class SampleSeeder(GridDirectory directory, IConfiguration configuration, ILogger<SampleSeeder> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Samples:Seed", defaultValue: true) || !await directory.IsEmptyAsync()) return;
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
