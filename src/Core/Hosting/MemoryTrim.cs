using System.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridService.Core.Hosting;

/// <summary>
/// Gives back to the system what start-up used once: training the decision model, loading the knowledge base and
/// seeding the samples leave tens of megabytes of garbage that a quiet host would otherwise keep committed for hours.
/// One aggressive, compacting collection right after the host has started (nothing is serving yet that a pause of a
/// few milliseconds could hurt); the garbage collector runs as usual after that. Logs the managed heap it leaves.
/// </summary>
public sealed partial class StartupMemoryTrim(IHostApplicationLifetime lifetime, ILogger<StartupMemoryTrim> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo();
            Log.Trimmed(logger, info.HeapSizeBytes / 1048576.0, info.TotalCommittedBytes / 1048576.0, Environment.WorkingSet / 1048576.0);
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventIds.Hosting + 20, LogLevel.Information, "Start-up memory given back: managed heap {HeapMb:0} MB ({CommittedMb:0} MB committed), working set {WorkingSetMb:0} MB")]
        public static partial void Trimmed(ILogger logger, double heapMb, double committedMb, double workingSetMb);
    }
}
