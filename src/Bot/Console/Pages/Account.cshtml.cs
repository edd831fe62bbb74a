using GridService.Bot.StaffConsole.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>The signed-in person's account: their areas, and changing their password (an initial one must be changed).</summary>
public sealed class AccountModel(ConsoleAccounts accounts, ConsoleLockout lockout) : ConsolePage
{
    /// <summary>Minimum length of a new password.</summary>
    public const int MinLength = 10;

    /// <summary>Shows the page.</summary>
    public void OnGet()
    {
    }

    /// <summary>Changes the password after checking the current one (a wrong one counts towards the lockout).</summary>
    public async Task<IActionResult> OnPostAsync(string? current, string? next, string? again)
    {
        var id = Scope.User.Id;
        if (await accounts.GetAsync(id) is not { } account) return Failed("您的账号没有密码，请联系服务中心。");
        if (string.IsNullOrEmpty(current) || await accounts.VerifyAsync(id, account, current) == PasswordVerificationResult.Failed)
        {
            await lockout.FailAsync(id);
            return Failed("当前密码不对。");
        }

        if (next is null || next.Length < MinLength) return Failed($"新密码至少{MinLength}位。");
        if (next != again) return Failed("两次输入的新密码不一样。");
        if (next == current) return Failed("新密码不能和当前密码相同。");
        await accounts.SetPasswordAsync(id, next, mustChange: false);
        return Done("密码已修改。");
    }
}
