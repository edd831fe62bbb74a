using GridService.Core.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GridService.Core.Tests.Hosting;

public sealed class StartupFaultFilterTests
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    [Fact]
    public void Log_HostStartupFaultThatIsExplained_IsLeftOutAndEverythingElseIsWritten()
    {
        var written = new List<string>();
        using var filter = new StartupFaultFilter(new Recording(written)) { Explained = ex => ex is IOException };
        var host = filter.CreateLogger(HostCategory);
        var other = filter.CreateLogger("GridService.Store");

        host.LogError(new EventId(11), new IOException("address already in use"), "Hosting failed to start");
        host.LogError(new EventId(11), new InvalidOperationException("a genuine fault"), "Hosting failed to start");
        host.LogError(new EventId(9), new IOException("a background service failed"), "BackgroundService failed");
        other.LogError(new EventId(11), new IOException("not the host's"), "store");

        Assert.Equal(
            [$"{HostCategory}/11: a genuine fault", $"{HostCategory}/9: a background service failed", "GridService.Store/11: not the host's"],
            written);
    }

    [Fact]
    public void Replace_OnAWebApplicationBuilder_TheConsoleIsWrittenThroughTheFilter()
    {
        var builder = WebApplication.CreateBuilder();
        StartupFaultFilter.Replace(builder.Services);
        using var app = builder.Build();

        var providers = app.Services.GetServices<ILoggerProvider>().ToList();

        Assert.Contains(providers, p => p is StartupFaultFilter);
        Assert.DoesNotContain(providers, p => p is ConsoleLoggerProvider);
    }

    private sealed class Recording(List<string> written) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, written);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, List<string> written) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                written.Add($"{category}/{eventId.Id}: {exception?.Message}");
        }
    }
}
