
namespace GridService.Bot.Knowledge;

/// <summary>Log events of the knowledge feature. No message text is logged: it may carry personal data.</summary>
internal static partial class KnowledgeLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Knowledge base loaded: {Entries} entries, {Examples} examples, {Terms} n-grams from {Directory}; traditional→simplified by {Source}")]
    public static partial void Loaded(ILogger logger, int entries, int examples, int terms, string directory, string source);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "ICU not found; traditional characters are simplified with the built-in table only")]
    public static partial void IcuMissing(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Decided {Label} ({Confidence:0.000}) by {Reason}")]
    public static partial void Decided(ILogger logger, string label, double confidence, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Decision model trained on {Examples} questions ({Corpus} from the corpus): {Features} features, {Labels} labels, in {Milliseconds:0} ms")]
    public static partial void Trained(ILogger logger, int examples, int corpus, int features, int labels, double milliseconds);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Decisions by the rules engine (Knowledge:Engine rules); the learned model is not trained")]
    public static partial void RulesEngine(ILogger logger);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Decision model loaded from {Path} in {Milliseconds:0} ms (trained on {Examples} questions: {Features} features, {Labels} labels; training took {TrainingMilliseconds:0} ms)")]
    public static partial void ModelLoaded(ILogger logger, string path, double milliseconds, int examples, int features, int labels, double trainingMilliseconds);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Kept decision model {Path} not used: {Reason}; training anew")]
    public static partial void ModelFileUnusable(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Decision model not kept in {Path}: {Reason}; the next start trains again")]
    public static partial void ModelFileNotSaved(ILogger logger, string path, string reason);
}
