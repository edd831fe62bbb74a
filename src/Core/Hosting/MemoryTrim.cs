using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GridService.Core.Hosting;

/// <summary>
/// Keeps a quiet host small. Once start-up is over (the host started and every <see cref="IStartupWork"/> done), one
/// aggressive, compacting collection gives back what start-up used once (training the decision model, loading the
/// knowledge base, seeding the samples: tens of megabytes of garbage a quiet host would otherwise keep committed for
/// hours). Then, every <see cref="Interval"/>, glibc is asked to return the free pages of its allocation arenas: the
/// runtime's and the store's native allocations come and go with every poll, and glibc keeps the freed pages, so an
/// idle host grew by about 4 MB a minute (README, "Configuration"). On a C library without <c>malloc_trim</c> only the
/// start-up collection runs.
/// </summary>
public sealed partial class MemoryTrim(
    IHostApplicationLifetime lifetime, IEnumerable<IStartupWork> startupWork, TimeProvider time, ILogger<MemoryTrim> logger) : BackgroundService
{
    /// <summary>How often native free memory is given back.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken)) return;
        try
        {
            // Start-up work that runs past /healthz (the decision model) leaves its garbage too.
            await Task.WhenAll(startupWork.Select(w => w.Completion)).WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception) when (!stoppingToken.IsCancellationRequested)
        {
            // Failed or cancelled work is reported by its owner; the memory is given back all the same.
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        bool native = TrimNative();
        var info = GC.GetGCMemoryInfo();
        Log.Trimmed(logger, info.HeapSizeBytes / 1048576.0, info.TotalCommittedBytes / 1048576.0, Environment.WorkingSet / 1048576.0);
        if (!native) return;
        try
        {
            using var timer = new PeriodicTimer(Interval, time);
            while (await timer.WaitForNextTickAsync(stoppingToken)) TrimNative();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // glibc's malloc_trim(0): give every arena's free pages back to the system. Absent elsewhere (musl, macOS, Windows).
    private static bool TrimNative()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            _ = Native.MallocTrim(0);
            return true;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    private static partial class Native
    {
        [LibraryImport("libc", EntryPoint = "malloc_trim")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int MallocTrim(nuint pad);
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Hosting + 20, LogLevel.Information, "Start-up memory given back: managed heap {HeapMb:0} MB ({CommittedMb:0} MB committed), working set {WorkingSetMb:0} MB")]
        public static partial void Trimmed(ILogger logger, double heapMb, double committedMb, double workingSetMb);
    }
}
