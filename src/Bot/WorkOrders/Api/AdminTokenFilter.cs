using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GridService.Bot.WorkOrders.Api;

/// <summary>Lets a request through only with <c>Authorization: Bearer &lt;Admin:Token&gt;</c>.</summary>
public sealed partial class AdminTokenFilter(IOptions<AdminOptions> options, ILogger<AdminTokenFilter> logger) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var token = options.Value.Token;
        if (token.Length == 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API not configured",
                detail: "Set Admin:Token to use the work-order API.");
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token)))
        {
            Log.Refused(logger, context.HttpContext.Request.Path, context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?");
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Bad token",
                detail: "Send Authorization: Bearer <Admin:Token>.");
        }

        return await next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(830, LogLevel.Warning, "Refused {Path} from {Remote}: missing or wrong admin token")]
        public static partial void Refused(ILogger logger, string path, string remote);
    }
}
