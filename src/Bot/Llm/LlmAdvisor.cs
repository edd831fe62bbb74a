using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using GridService.Bot.Knowledge;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI.Chat;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace GridService.Bot.Llm;

/// <summary>
/// Asks the model which of the candidate entries answers the customer, and how to say it briefly, as strict JSON
/// (<c>{"decision":"answer:&lt;id&gt;|escalate:consult|none","reply":"…"}</c>). Every failure (timeout, HTTP error,
/// open circuit, a reply that is not that JSON) returns null: the caller keeps the deterministic decision. The
/// reply is not trusted here; <see cref="LlmRefiner"/> checks it against the candidates.
/// </summary>
public sealed class LlmAdvisor
{
    private readonly ChatClient _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;

    /// <param name="client">The chat client of the configured endpoint (see <see cref="LlmClients.Create"/>).</param>
    /// <param name="pipeline">Timeout, retry and circuit breaker around each call (shared: the circuit is per process).</param>
    /// <param name="logger">Where outcomes go; never the texts.</param>
    public LlmAdvisor(ChatClient client, ResiliencePipeline pipeline, ILogger<LlmAdvisor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(pipeline);
        _client = client;
        _pipeline = pipeline;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Builds the client and the pipeline from <paramref name="options"/> (which must be enabled and valid).</summary>
    public static LlmAdvisor Create(LlmOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<LlmAdvisor>();
        return new LlmAdvisor(LlmClients.Create(options), LlmResilience.Build(options, time, logger), logger);
    }

    /// <summary>
    /// The model's advice for <paramref name="customerText"/> (already masked by the caller), or null when there is
    /// none to use. Throws only <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<LlmAdvice?> AdviseAsync(
        string customerText, Decision decision, IReadOnlyList<LlmCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerText);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(candidates);
        var messages = LlmPrompt.Messages(customerText, decision.Label, candidates);
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat(),
            Temperature = 0.2f,
        };

        string? content;
        try
        {
            var completion = await _pipeline.ExecuteAsync(
                async token => (await _client.CompleteChatAsync(messages, options, token)).Value, cancellationToken);
            content = completion.Content.Count > 0 ? completion.Content[0].Text : null;
        }
        catch (BrokenCircuitException)
        {
            LlmLog.ShortCircuited(_logger);
            return null;
        }
        catch (TimeoutRejectedException)
        {
            LlmLog.CallFailed(_logger, "timeout");
            return null;
        }
        catch (ClientResultException ex)
        {
            LlmLog.CallFailed(_logger, ex.Status == 0 ? "no response" : "http " + ex.Status.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's own network timeout (set just above ours, so rarely first).
            LlmLog.CallFailed(_logger, "timeout");
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or FormatException or JsonException)
        {
            // A server that is not quite OpenAI-compatible can fail deserialisation in the client; the customer
            // still gets the deterministic answer.
            LlmLog.CallFailed(_logger, ex.GetType().Name);
            return null;
        }

        var advice = LlmPrompt.ParseReply(content);
        if (advice is null)
        {
            LlmLog.Rejected(_logger, "not-json", decision.Label);
        }

        return advice;
    }
}
