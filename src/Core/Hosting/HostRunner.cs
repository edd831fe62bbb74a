using System.Net.Sockets;
using GridService.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GridService.Core.Hosting;

/// <summary>
/// Runs a host and turns the start-up failures an operator can fix into one line on stderr and exit code 1 (a bad
/// setting, a busy port, a refused exposure, a data folder held by another process) instead of a stack trace.
/// </summary>
public static class HostRunner
{
    /// <summary>Builds and runs the host; returns the process exit code.</summary>
    /// <param name="build">Builds the host.</param>
    /// <param name="hint">Printed once the host listens (<c>{address}</c> is replaced).</param>
    /// <param name="explain">The line for a host's own start-up failures (a broken knowledge file), or null.</param>
    public static async Task<int> RunAsync(Func<WebApplication> build, string? hint = null, Func<Exception, string?>? explain = null)
    {
        ArgumentNullException.ThrowIfNull(build);
        WebApplication? app = null;
        string? line = null;
        try
        {
            app = build();
            if (app.Services.GetService<StartupFaultFilter>() is { } filter) filter.Explained = ex => Line(ex) is not null;

            // The store first: a data folder held by another process refuses here in one line, before the generic
            // host could log the same refusal as a start-up failure with a stack trace.
            _ = app.Services.GetService<RedisStore>();
            await app.StartAsync();
            if (hint is not null) PrintHint(app, hint);
            await app.WaitForShutdownAsync();
        }
        catch (Exception ex) when (Line(ex) is { } explained)
        {
            line = explained;
        }
        finally
        {
            // Disposing the host flushes the console logger's queue, so the explanation is printed after the
            // generic host's own lines and is the last line an operator sees.
            if (app is not null) await app.DisposeAsync();
        }

        if (line is null) return 0;
        await Console.Error.WriteLineAsync(line);
        return 1;

        string? Line(Exception ex) => Explain(ex) ?? Inner(ex).Select(e => explain?.Invoke(e)).FirstOrDefault(l => l is not null);
    }

    private static IEnumerable<Exception> Inner(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException) yield return ex;
    }

    /// <summary>The line to print for a start-up failure an operator can fix, or null for a genuine fault.</summary>
    public static string? Explain(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case StartupRefusedException refused:
                    return refused.Message;
                case Garnet.common.GarnetException garnet:
                    return $"The embedded store could not start: {garnet.Message} (see the lines above; or set ConnectionStrings:Redis to use a Redis server).";
                case OptionsValidationException invalid:
                    return "Configuration is not valid: " + string.Join(" ", invalid.Failures);
                case IOException io when io.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                    return $"Cannot listen: {io.Message} Stop the other process or choose another address with --urls http://127.0.0.1:<port>.";
            }
        }

        return null;
    }

    // Where to go next, once the address is known: the tour's first request.
    private static void PrintHint(WebApplication app, string hint)
    {
        var address = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is not null) Console.WriteLine(hint.Replace("{address}", address, StringComparison.Ordinal));
    }
}
