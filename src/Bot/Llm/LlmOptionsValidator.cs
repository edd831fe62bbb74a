using System.Globalization;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Llm;

/// <summary>
/// Names every bad value of an enabled LLM so that start-up stops with the key to fix. A disabled LLM (no endpoint)
/// is never an error. Values of the endpoint and key are not echoed: either may carry a secret.
/// </summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(1);

    // Polly's own lower bounds for the circuit breaker, checked here so the message names the key.
    private static readonly TimeSpan MinBreakerWindow = TimeSpan.FromMilliseconds(500);

    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("Llm:Endpoint is not an absolute http(s) URL (e.g. https://name.openai.azure.com/ or https://api.openai.com/v1).");
        }

        if (!options.IsAzure && !string.Equals(options.Kind, LlmOptions.OpenAI, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Llm:Kind '{options.Kind}' must be '{LlmOptions.Azure}' or '{LlmOptions.OpenAI}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            errors.Add("Llm:Model is required (the model name; for Azure the deployment name).");
        }

        if (options.IsAzure && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            errors.Add("Llm:ApiKey is required for Kind 'azure'.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
        {
            errors.Add(Invariant($"Llm:Timeout {options.Timeout} must be more than 0 and at most {MaxTimeout}."));
        }

        if (options.MaxCandidates is < 1 or > 10)
        {
            errors.Add(Invariant($"Llm:MaxCandidates {options.MaxCandidates} must be between 1 and 10."));
        }

        if (options.RefineAnswersBelow is < 0 or > 1)
        {
            errors.Add(Invariant($"Llm:RefineAnswersBelow {options.RefineAnswersBelow} must be between 0 and 1."));
        }

        if (options.MinOverlap is < 0 or > 1)
        {
            errors.Add(Invariant($"Llm:MinOverlap {options.MinOverlap} must be between 0 and 1."));
        }

        if (options.MaxReplyChars is < 20 or > 2000)
        {
            errors.Add(Invariant($"Llm:MaxReplyChars {options.MaxReplyChars} must be between 20 and 2000."));
        }

        var cb = options.CircuitBreaker;
        if (cb.FailureRatio is <= 0 or > 1)
        {
            errors.Add(Invariant($"Llm:CircuitBreaker:FailureRatio {cb.FailureRatio} must be more than 0 and at most 1."));
        }

        if (cb.MinimumThroughput < 2)
        {
            errors.Add(Invariant($"Llm:CircuitBreaker:MinimumThroughput {cb.MinimumThroughput} must be at least 2."));
        }

        if (cb.SamplingDuration < MinBreakerWindow)
        {
            errors.Add(Invariant($"Llm:CircuitBreaker:SamplingDuration {cb.SamplingDuration} must be at least {MinBreakerWindow}."));
        }

        if (cb.BreakDuration < MinBreakerWindow)
        {
            errors.Add(Invariant($"Llm:CircuitBreaker:BreakDuration {cb.BreakDuration} must be at least {MinBreakerWindow}."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
