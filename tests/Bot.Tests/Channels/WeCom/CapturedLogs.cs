using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GridService.Bot.Tests.Channels.WeCom;

/// <summary>Keeps every formatted log line of a host, to check what operators would see (and what they must not).</summary>
internal sealed class CapturedLogs(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ConcurrentQueue<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}");
    }
}
