using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace GridService.Core.Hosting;

/// <summary>
/// The console log, less the generic host's "Hosting failed to start" entry for a start-up failure that
/// <see cref="HostRunner"/> explains in one line (a busy port, a broken knowledge file): the operator reads that line
/// instead of forty lines of stack frames above it. Every other entry, and every start-up fault nobody explains, is
/// written as before.
/// </summary>
[ProviderAlias("Console")]
public sealed class StartupFaultFilter(ILoggerProvider console) : ILoggerProvider, ISupportExternalScope
{
    // Where the generic host logs "Hosting failed to start" (Microsoft.Extensions.Hosting's LoggerEventIds).
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const int HostedServiceStartupFaulted = 11;

    /// <summary>Whether a start-up failure will be explained in one line; <see cref="HostRunner"/> sets it.</summary>
    public Func<Exception, bool> Explained { get; set; } = _ => false;

    /// <summary>Puts the filter in place of the console provider <paramref name="services"/> already has (if any).</summary>
    public static void Replace(IServiceCollection services)
    {
        var descriptor = services.FirstOrDefault(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider));
        if (descriptor is null) return;
        services.Remove(descriptor);
        services.AddSingleton(sp => new StartupFaultFilter(
            new ConsoleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>(), sp.GetServices<ConsoleFormatter>())));
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<StartupFaultFilter>());
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName)
    {
        var logger = console.CreateLogger(categoryName);
        return categoryName == HostCategory ? new HostLogger(logger, this) : logger;
    }

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (console as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

    /// <inheritdoc />
    public void Dispose() => console.Dispose();

    private sealed class HostLogger(ILogger inner, StartupFaultFilter filter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == HostedServiceStartupFaulted && exception is not null && filter.Explained(exception)) return;
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
