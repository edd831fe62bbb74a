using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Core.Hosting;

/// <summary>
/// What every GridService web host starts from: configuration beside the program (so <c>dotnet run --project</c>
/// from the repository root finds it while relative paths such as <c>data</c> resolve from where the user stands),
/// a loopback address unless one is configured, the shared store and services, metrics, and the health probes.
/// </summary>
public static class GridWebHost
{
    /// <summary>A builder with the shared services registered.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="defaultUrl">Where to listen when no <c>urls</c> setting is given (loopback, so nothing is exposed by accident).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, string defaultUrl)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(defaultUrl);
        }

        StartupFaultFilter.Replace(builder.Services);
        builder.Services.AddGridCore(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddGridTelemetry();
        // Off where several hosts share one process (the test kit starts dozens): there each start-up's compacting
        // collection of the whole process paused every other host, 26-29 s of GC pauses in one run of the Bot suite.
        if (TrimMemory(builder.Configuration["Hosting:TrimMemory"])) builder.Services.AddHostedService<MemoryTrim>();
        return builder;
    }

    private static bool TrimMemory(string? setting) => setting switch
    {
        null or "" => true,
        var value when bool.TryParse(value, out var trim) => trim,
        var value => throw new StartupRefusedException($"Configuration is not valid: Hosting:TrimMemory is '{value}'; use true or false."),
    };
}
