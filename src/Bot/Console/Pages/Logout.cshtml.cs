using GridService.Bot.StaffConsole.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>Signs out (POST only, with the anti-forgery token).</summary>
public sealed class LogoutModel : PageModel
{
    /// <summary>A GET goes back to the console.</summary>
    public IActionResult OnGet() => Redirect(ConsoleHost.BasePath);

    /// <summary>Signs out.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleUser.Scheme);
        return Redirect(ConsoleHost.BasePath + "/login");
    }
}
