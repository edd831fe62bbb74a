using System.ClientModel;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace GridService.Bot.Llm;

/// <summary>
/// The pipeline around one model call, outermost first: a circuit breaker that counts whole calls (a call that
/// failed after its retry is one failure; while open, calls fail at once and the customer gets the deterministic
/// answer without waiting); a timeout for the whole call, retry included, since the customer is waiting; one retry
/// for a transient failure (connection error, 408, 429, 5xx) and none for anything else.
/// </summary>
internal static class LlmResilience
{
    /// <summary>Pause before the single retry: long enough for a blip, short next to the timeout.</summary>
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    public static ResiliencePipeline Build(LlmOptions options, TimeProvider time, ILogger logger)
    {
        var cb = options.CircuitBreaker;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = cb.FailureRatio,
                MinimumThroughput = cb.MinimumThroughput,
                SamplingDuration = cb.SamplingDuration,
                BreakDuration = cb.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsFailure),
                OnOpened = args =>
                {
                    LlmLog.CircuitOpened(logger, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LlmLog.CircuitClosed(logger);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.Timeout)
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 1,
                Delay = RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            })
            .Build();
    }

    /// <summary>
    /// Whatever made the call fail, a timeout included (Polly reports it as <c>TimeoutRejectedException</c>), except
    /// the caller giving up (shutdown): that says nothing about the model.
    /// </summary>
    private static bool IsFailure(Exception ex) => ex is not OperationCanceledException;

    internal static bool IsTransient(Exception ex) => ex switch
    {
        // Status 0: the transport failed before any response (refused, reset, DNS).
        ClientResultException { Status: 0 or 408 or 429 or >= 500 } => true,
        HttpRequestException or IOException => true,
        _ => false,
    };
}
