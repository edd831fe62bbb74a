using System.Net;
using GridService.Core.Hosting;
using Microsoft.Extensions.Configuration;

namespace GridService.Core.Security;

/// <summary>
/// Refuses to expose an unguarded host: bound to anything but loopback, the operator routes need <c>Admin:Token</c>,
/// and a host taking bridge traffic needs <c>Bridge:Secret</c> (without it anyone could post as a manager).
/// </summary>
public static class Exposure
{
    /// <summary>The addresses the host will listen on, from <c>urls</c>, <c>ASPNETCORE_URLS</c> and Kestrel endpoints.</summary>
    public static IReadOnlyList<string> ListenUrls(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var urls = new List<string>();
        foreach (var key in (ReadOnlySpan<string>)["urls", "ASPNETCORE_URLS"])
        {
            if (configuration[key] is { Length: > 0 } value) urls.AddRange(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        return urls;
    }

    /// <summary>True when <paramref name="url"/> listens only on the loopback interface.</summary>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        host = host.Split('/')[0];
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']', StringComparison.Ordinal)];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            host = host[..host.LastIndexOf(':')];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>Throws <see cref="StartupRefusedException"/> naming the missing setting when a public bind is unguarded.</summary>
    public static void Check(IConfiguration configuration, bool takesBridgeTraffic)
    {
        var exposed = ListenUrls(configuration).Where(u => !IsLoopback(u)).ToList();
        if (exposed.Count == 0) return;
        if (string.IsNullOrEmpty(configuration[$"{OperatorOptions.Section}:Token"]))
        {
            throw new StartupRefusedException(
                $"Refusing to listen on {string.Join(", ", exposed)} without Admin:Token: set Admin:Token (operator routes) or bind to 127.0.0.1.");
        }

        if (takesBridgeTraffic && string.IsNullOrEmpty(configuration["Bridge:Secret"]))
        {
            throw new StartupRefusedException(
                $"Refusing to listen on {string.Join(", ", exposed)} without Bridge:Secret: set Bridge:Secret (signed bridge) or bind to 127.0.0.1.");
        }
    }
}
