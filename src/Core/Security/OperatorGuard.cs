using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridService.Core.Security;

/// <summary>The operators' token (section <c>Admin</c>).</summary>
public sealed class OperatorOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Admin";

    /// <summary>
    /// Bearer token of every operator and read route (<c>Authorization: Bearer &lt;token&gt;</c>, scheme in any case).
    /// Empty: those routes answer loopback callers only, and a host bound to another address refuses to start.
    /// </summary>
    public string Token { get; set; } = "";
}

/// <summary>
/// The one guard of operator and read routes (work orders, notices, deliveries, billing, preferences, groups,
/// transcripts): with <see cref="OperatorOptions.Token"/> set, a request must carry it (compared in constant time);
/// without it, only a caller on the loopback interface gets through, so the README's tour works on a laptop and
/// nothing is open on a network.
/// </summary>
public sealed partial class OperatorGuard(IOptions<OperatorOptions> options, ILogger<OperatorGuard> logger) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        return Check(options.Value.Token, http.Request.Headers.Authorization.ToString(), http.Connection.RemoteIpAddress) switch
        {
            null => await next(context),
            var refusal => Refuse(http, refusal),
        };
    }

    /// <summary>Why a request with <paramref name="authorization"/> from <paramref name="remote"/> is refused, or null to let it in.</summary>
    public static string? Check(string token, string authorization, IPAddress? remote)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length == 0)
        {
            return remote is not null && IPAddress.IsLoopback(remote)
                ? null
                : "No Admin:Token is configured, so operator routes answer loopback callers only.";
        }

        const string Scheme = "Bearer ";
        var given = authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization[Scheme.Length..].Trim()
            : "";
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(a, b) ? null : "Send Authorization: Bearer <Admin:Token>.";
    }

    private IResult Refuse(HttpContext http, string detail)
    {
        Log.Refused(logger, http.Request.Path, http.Connection.RemoteIpAddress?.ToString() ?? "?");
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Operator token required", detail: detail);
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Security + 1, LogLevel.Warning, "Refused {Path} from {Remote}: missing or wrong operator token")]
        public static partial void Refused(ILogger logger, string path, string remote);

        [LoggerMessage(EventIds.Security + 2, LogLevel.Warning, "No Admin:Token is configured: operator and read routes (work orders, notices, deliveries, billing, preferences, groups, transcripts) answer loopback callers only. Set Admin:Token to reach them from elsewhere.")]
        public static partial void NoToken(ILogger logger);
    }

    /// <summary>Says at start-up, once, that the operator routes are loopback-only because no token is set.</summary>
    internal sealed class OperatorTokenWarning(IOptions<OperatorOptions> options, ILogger<OperatorGuard> logger) : Microsoft.Extensions.Hosting.IHostedService
    {
        /// <inheritdoc />
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.Token.Length == 0) Log.NoToken(logger);
            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Puts routes behind the <see cref="OperatorGuard"/>.</summary>
public static class OperatorGuardExtensions
{
    /// <summary>Every endpoint of <paramref name="group"/> requires the operator token (or loopback without one).</summary>
    public static RouteGroupBuilder RequireOperator(this RouteGroupBuilder group) => group.AddEndpointFilter<RouteGroupBuilder, OperatorGuard>();

    /// <summary>The endpoint requires the operator token (or loopback without one).</summary>
    public static RouteHandlerBuilder RequireOperator(this RouteHandlerBuilder endpoint) => endpoint.AddEndpointFilter<RouteHandlerBuilder, OperatorGuard>();

    /// <summary>Registers the guard and its options.</summary>
    public static IServiceCollection AddOperatorGuard(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section));
        services.AddSingleton<OperatorGuard>();
        services.AddHostedService<OperatorGuard.OperatorTokenWarning>();
        return services;
    }
}
