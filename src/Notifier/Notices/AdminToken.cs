using System.Security.Cryptography;
using System.Text;

namespace GridService.Notifier.Notices;

/// <summary>
/// Operator endpoints require <c>Authorization: Bearer &lt;Admin:Token&gt;</c> when <c>Admin:Token</c> is set.
/// Without it they are open, which is only safe on the loopback address the host binds by default.
/// </summary>
public static class AdminToken
{
    /// <summary>Configuration key of the token.</summary>
    public const string Key = "Admin:Token";

    /// <summary>Adds the check to every endpoint of <paramref name="group"/>.</summary>
    public static RouteGroupBuilder RequireAdminToken(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var configured = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>()[Key];
            if (string.IsNullOrEmpty(configured) || Matches(configured, context.HttpContext.Request.Headers.Authorization.ToString())) return await next(context);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Token required",
                detail: "Send Authorization: Bearer <Admin:Token>.");
        });
        return group;
    }

    private static bool Matches(string token, string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
