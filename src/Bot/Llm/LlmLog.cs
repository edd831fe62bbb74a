
namespace GridService.Bot.Llm;

/// <summary>
/// Log events of the optional LLM. Never logged: the customer's text, the model's reply, the API key or the full
/// endpoint URL. Outcomes are logged as fixed reason codes an operator can count.
/// </summary>
internal static partial class LlmLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "LLM advisor on: {Kind} at {Host}, model {Model}, timeout {Timeout}, up to {Candidates} candidates")]
    public static partial void Enabled(ILogger logger, string kind, string host, string model, TimeSpan timeout, int candidates);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "LLM off (no Llm:Endpoint configured); the deterministic engine decides alone")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "LLM endpoint {Host} is plain http on a non-loopback host; the API key and customers' questions travel unencrypted")]
    public static partial void PlainHttp(ILogger logger, string host);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "LLM call failed ({Failure}); the deterministic decision stands")]
    public static partial void CallFailed(ILogger logger, string failure);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "LLM circuit opened for {BreakDuration}: deterministic decisions only until then")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "LLM circuit closed: the model is consulted again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Debug, Message = "LLM circuit open; deterministic decision used without calling the model")]
    public static partial void ShortCircuited(ILogger logger);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Information, Message = "LLM advice rejected ({Reason}) for a {Label} decision; the deterministic decision stands")]
    public static partial void Rejected(ILogger logger, string reason, string label);

    [LoggerMessage(EventId = 3109, Level = LogLevel.Debug, Message = "LLM refined {From} to {To}")]
    public static partial void Refined(ILogger logger, string from, string to);
}
