namespace GridService.Bot.Llm;

/// <summary>
/// The optional LLM that may choose and phrase an answer among the retrieved entries (section <c>Llm</c>).
/// An empty <see cref="Endpoint"/> leaves it off: the deterministic engine then decides alone, as by default.
/// </summary>
public sealed class LlmOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Llm";

    /// <summary><see cref="Kind"/> for an Azure OpenAI resource.</summary>
    public const string Azure = "azure";

    /// <summary><see cref="Kind"/> for OpenAI or any OpenAI-compatible server.</summary>
    public const string OpenAI = "openai";

    /// <summary>
    /// Azure: the resource URL (<c>https://name.openai.azure.com/</c>). OpenAI-compatible: the base URL the API paths
    /// follow (<c>https://api.openai.com/v1</c>, <c>http://127.0.0.1:11434/v1</c>). Empty: the LLM is off.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>The API key (Azure: <c>api-key</c> header; OpenAI: bearer token). Required for Azure.</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>azure</c> or <c>openai</c> (any OpenAI-compatible endpoint).</summary>
    public string Kind { get; set; } = OpenAI;

    /// <summary>The model name; for Azure the deployment name.</summary>
    public string? Model { get; set; }

    /// <summary>How long a customer may wait for the model, retry included; then the deterministic decision goes out.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many retrieved entries the model may choose from.</summary>
    public int MaxCandidates { get; set; } = 3;

    /// <summary>Answers below this confidence are offered to the model; surer answers go out as the engine made them.</summary>
    public double RefineAnswersBelow { get; set; } = 0.8;

    /// <summary>
    /// Whether a power question retrieval was unsure about (<c>escalate:consult</c> by <c>retrieval:unsure</c>) is
    /// offered to the model, which may find the answer among the closest entries. Consults by rule (requests that
    /// need a person) and out-of-scope classes are never offered.
    /// </summary>
    public bool RefineUnsureConsults { get; set; } = true;

    /// <summary>Longest reply accepted from the model; a longer one is rejected (a group message stays short).</summary>
    public int MaxReplyChars { get; set; } = 300;

    /// <summary>
    /// Share of the reply's character pairs that must occur in the chosen entry's answer (0..1): rephrasings measured
    /// 0.5-0.7, invented or role-played replies 0-0.1. Lower it only for a model that paraphrases heavily.
    /// </summary>
    public double MinOverlap { get; set; } = 0.35;

    /// <summary>When to stop calling a failing model for a while.</summary>
    public LlmCircuitBreakerOptions CircuitBreaker { get; set; } = new();

    /// <summary>True when an endpoint is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>True for <see cref="Azure"/>.</summary>
    public bool IsAzure => string.Equals(Kind, Azure, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Circuit breaker over model calls (section <c>Llm:CircuitBreaker</c>).</summary>
public sealed class LlmCircuitBreakerOptions
{
    /// <summary>Share of failed calls within <see cref="SamplingDuration"/> that opens the circuit (0 &lt; x ≤ 1).</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within <see cref="SamplingDuration"/> before the ratio counts (at least 2).</summary>
    public int MinimumThroughput { get; set; } = 4;

    /// <summary>The window failures are counted in.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long calls go straight to the deterministic path once the circuit is open.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
