using GridService.Bot.StaffConsole.Auth;
using GridService.Core.Grid;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>
/// Sign-in with the roster's staff id and password. Wrong passwords count towards a lockout (in Redis, across
/// instances); a locked account is refused without checking the password, and the message never says whether the
/// id exists.
/// </summary>
public sealed partial class LoginModel(
    ConsoleAccounts accounts, ConsoleLockout lockout, GridDirectory directory, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>The staff id typed.</summary>
    public string? Id { get; private set; }

    /// <summary>Where to go after signing in.</summary>
    public string? ReturnUrl { get; private set; }

    /// <summary>Why the sign-in was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    /// <summary>Checks the password and signs in.</summary>
    public async Task<IActionResult> OnPostAsync(string? id, string? password, string? returnUrl)
    {
        Id = id?.Trim();
        ReturnUrl = returnUrl;
        if (string.IsNullOrEmpty(Id) || string.IsNullOrEmpty(password) || Id.Length > 64)
        {
            Error = "请填写工号和密码。";
            return Page();
        }

        if (await lockout.LockedForAsync(Id) is { } left)
        {
            ConsoleMetrics.SignIn("locked");
            Log.Locked(logger, Id);
            Error = LockedText(left);
            return Page();
        }

        var staff = await directory.GetStaffAsync(Id);
        var account = staff is null ? null : await accounts.GetAsync(Id);
        var result = account is null ? PasswordVerificationResult.Failed : await accounts.VerifyAsync(Id, account, password);
        if (result == PasswordVerificationResult.Failed || staff is null)
        {
            ConsoleMetrics.SignIn("wrong");
            var triesLeft = await lockout.FailAsync(Id);
            Log.Wrong(logger, Id, triesLeft);
            Error = triesLeft == 0
                ? LockedText(await lockout.LockedForAsync(Id) ?? TimeSpan.Zero)
                : $"工号或密码不对，还可以再试{triesLeft}次。";
            return Page();
        }

        await lockout.ResetAsync(Id);
        var user = new ConsoleUser(staff.Id, staff.Name, staff.Role);
        await HttpContext.SignInAsync(ConsoleUser.Scheme, user.ToPrincipal());
        ConsoleMetrics.SignIn("ok");
        Log.SignedIn(logger, Id);
        if (account!.MustChange)
        {
            TempData["Flash"] = "这是管理员给您的初始密码，请先设置自己的新密码。";
            return Redirect(ConsoleHost.BasePath + "/account");
        }

        return Redirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(ConsoleHost.BasePath, StringComparison.Ordinal) ? returnUrl : ConsoleHost.BasePath);
    }

    private static string LockedText(TimeSpan left) =>
        $"密码连续输错次数过多，账号已锁定，请{Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))}分钟后再试，或联系服务中心。";

    private static partial class Log
    {
        [LoggerMessage(EventIds.Console + 1, LogLevel.Information, "Console sign-in: {StaffId}")]
        public static partial void SignedIn(ILogger logger, string staffId);

        [LoggerMessage(EventIds.Console + 2, LogLevel.Warning, "Console sign-in refused for {StaffId}: wrong password, {TriesLeft} tries left")]
        public static partial void Wrong(ILogger logger, string staffId, int triesLeft);

        [LoggerMessage(EventIds.Console + 3, LogLevel.Warning, "Console sign-in refused for {StaffId}: account locked")]
        public static partial void Locked(ILogger logger, string staffId);
    }
}
