using GridService.Bot.StaffConsole.Auth;
using GridService.Core.Grid;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>
/// What every signed-in page has: the user's scope, the clock, and a one-line message carried across a redirect
/// (TempData <c>Flash</c> / <c>FlashError</c>, shown by the layout).
/// </summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>What the user sees.</summary>
    public ConsoleScope Scope { get; private set; } = null!;

    /// <summary>Now.</summary>
    protected DateTimeOffset Now => HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>A one-time id for a form: a resubmitted form is applied once.</summary>
    public static string NewNonce() => Guid.NewGuid().ToString("N");

    /// <inheritdoc />
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (ConsoleUser.From(User) is not { } user)
        {
            context.Result = Challenge(ConsoleUser.Scheme);
            return;
        }

        Scope = await ConsoleScope.ForAsync(user, HttpContext.RequestServices.GetRequiredService<GridDirectory>());
        await next();
    }

    /// <summary>Redirects back to this page with a message.</summary>
    protected RedirectResult Done(string message, string? url = null)
    {
        TempData["Flash"] = message;
        return Redirect(url ?? Request.Path + Request.QueryString);
    }

    /// <summary>Redirects back with an error.</summary>
    protected RedirectResult Failed(string message, string? url = null)
    {
        TempData["FlashError"] = message;
        return Redirect(url ?? Request.Path + Request.QueryString);
    }

    /// <summary>404 for what the user may not see (the same answer as for what does not exist).</summary>
    protected new NotFoundResult NotFound() => base.NotFound();

    /// <summary>403 for an action above the user's role.</summary>
    protected IActionResult Forbidden() => StatusCode(StatusCodes.Status403Forbidden);
}
