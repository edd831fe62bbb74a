using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GridService.Core.Chat;

/// <summary>How long transcripts are kept (section <c>Transcripts</c>).</summary>
public sealed class TranscriptOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Transcripts";

    /// <summary>Lines older than this are dropped.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Most lines kept per conversation (a group, or one person's private chat); the oldest go first.</summary>
    [Range(100, 10_000_000)]
    public int MaxLinesPerConversation { get; set; } = 5_000;

    /// <summary>How often the trimmer runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Trims every transcript to <see cref="TranscriptOptions"/> in the background, once at start and then every interval.</summary>
public sealed partial class TranscriptTrimmer(Transcript transcript, IOptions<TranscriptOptions> options, TimeProvider time, ILogger<TranscriptTrimmer> logger)
    : BackgroundService
{
    /// <summary>Trims every conversation once; returns how many lines were dropped.</summary>
    public async Task<long> TrimAllAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var cutoff = time.GetUtcNow() - o.Retention;
        long dropped = 0;
        foreach (var conversation in await transcript.ConversationsAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            dropped += await transcript.TrimAsync(conversation, cutoff, o.MaxLinesPerConversation);
        }

        if (dropped > 0) Log.Trimmed(logger, dropped, o.Retention, o.MaxLinesPerConversation);
        return dropped;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TrimAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // The store is down: the next round trims what this one could not.
                Log.StoreUnavailable(logger, ex.Message);
            }

            try
            {
                await Task.Delay(options.Value.TrimInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Transcripts, LogLevel.Information, "Trimmed {Count} transcript lines (retention {Retention}, at most {MaxLines} per conversation)")]
        public static partial void Trimmed(ILogger logger, long count, TimeSpan retention, int maxLines);

        [LoggerMessage(EventIds.Transcripts + 1, LogLevel.Warning, "Transcript trimming skipped, the store is unavailable: {Reason}")]
        public static partial void StoreUnavailable(ILogger logger, string reason);
    }
}
