using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GridService.Bot.Tests.Llm;

/// <summary>Keeps every log line written through it (event id and formatted message), to check what operators see.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(int EventId, string Message)> _lines = new();

    public IReadOnlyList<(int EventId, string Message)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(int, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((eventId.Id, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
