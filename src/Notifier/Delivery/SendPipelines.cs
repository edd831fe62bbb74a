using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace GridService.Notifier.Delivery;

/// <summary>
/// One Polly pipeline per endpoint (a robot, a webhook URL), so each has its own circuit breaker. From the outside
/// in: quick retries of transient failures only (connection errors, timeouts, 429/5xx; exponential backoff with
/// jitter; a short Retry-After is honoured in place), the circuit breaker (server faults only; a 429 is the endpoint
/// working), and a timeout per attempt. Deferrals, permanent failures and disabled robots pass straight through.
/// </summary>
public sealed class SendPipelines(IOptions<DeliveryOptions> options, TimeProvider time) : IAsyncDisposable
{
    private readonly ResiliencePipelineRegistry<string> _registry = new();

    /// <summary>The pipeline of <paramref name="endpoint"/> (a stable name without secrets).</summary>
    public ResiliencePipeline For(string endpoint) => _registry.GetOrAddPipeline(endpoint, Configure);

    /// <summary>
    /// Runs <paramref name="call"/> through the endpoint's pipeline. An open circuit that refused the call outright
    /// comes out as <see cref="BrokenCircuitException"/> (nothing was tried: the worker waits without using an
    /// attempt); when the circuit opened on this attempt's own failed call, that failure comes out instead, so a
    /// dead endpoint still uses up its attempts and ends dead-lettered with the real reason.
    /// </summary>
    public async Task ExecuteAsync(string endpoint, Func<CancellationToken, ValueTask> call, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await For(endpoint).ExecuteAsync(async token =>
            {
                try
                {
                    await call(token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    failure = new TimeoutRejectedException($"{endpoint} gave no answer within {options.Value.AttemptTimeout.TotalSeconds:0.###} s");
                    throw;
                }
                catch (Exception ex) when (IsTransient(ex))
                {
                    failure = ex;
                    throw;
                }
            }, cancellationToken);
        }
        catch (BrokenCircuitException) when (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>True for failures that another try may fix.</summary>
    public static bool IsTransient(Exception? exception) =>
        exception is TransientSendException or HttpRequestException or TimeoutRejectedException or BrokenCircuitException;

    private void Configure(ResiliencePipelineBuilder builder)
    {
        var o = options.Value;
        builder.TimeProvider = time;
        if (o.InlineRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    TransientSendException t => t.RetryAfter is null || t.RetryAfter <= o.MaxInlineRetryAfter,
                    HttpRequestException or TimeoutRejectedException => true,
                    _ => false,
                }),
                MaxRetryAttempts = o.InlineRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.InlineRetryDelay,
                MaxDelay = o.MaxInlineRetryAfter,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is TransientSendException { RetryAfter: { } after } ? after : (TimeSpan?)null),
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or TimeoutRejectedException
                or TransientSendException { ServerFault: true }),
            FailureRatio = o.FailureRatio,
            MinimumThroughput = o.MinimumThroughput,
            SamplingDuration = o.SamplingDuration,
            BreakDuration = o.BreakDuration,
        });
        builder.AddTimeout(o.AttemptTimeout);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _registry.DisposeAsync();
}
