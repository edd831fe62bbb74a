using System.Security.Claims;

namespace GridService.Bot.StaffConsole.Auth;

/// <summary>The member of staff signed in to the console.</summary>
/// <param name="Id">Their staff id (the roster's <c>id</c>).</param>
/// <param name="Name">Their name.</param>
/// <param name="Role">Their roster role; it decides what they see (<see cref="ConsoleScope"/>).</param>
public sealed record ConsoleUser(string Id, string Name, StaffRole Role)
{
    /// <summary>The authentication scheme (a cookie limited to <c>/console</c>).</summary>
    public const string Scheme = "console";

    /// <summary>The role as people say it.</summary>
    public string RoleName => Role switch
    {
        StaffRole.Centre => "服务中心",
        StaffRole.Supervisor => "主管",
        StaffRole.Staff => "服务人员",
        _ => "片区经理",
    };

    /// <summary>The principal the cookie carries.</summary>
    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, Id), new Claim(ClaimTypes.Name, Name), new Claim(ClaimTypes.Role, Role.ToString())], Scheme));

    /// <summary>The user a principal stands for, or null when it is not a console sign-in.</summary>
    public static ConsoleUser? From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not { IsAuthenticated: true } || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return null;
        return Enum.TryParse<StaffRole>(principal.FindFirstValue(ClaimTypes.Role), out var role)
            ? new ConsoleUser(id, principal.FindFirstValue(ClaimTypes.Name) ?? id, role)
            : null;
    }
}
