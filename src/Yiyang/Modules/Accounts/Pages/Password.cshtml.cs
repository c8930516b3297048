using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Accounts.Pages;

/// <summary>修改密码: the same use case as POST /api/auth/password; this browser stays signed in (with the new stamp), every other session ends.</summary>
[Authorize(Policy = Policies.AnyUser)]
public sealed class PasswordModel(ChangeOwnPassword changePassword) : FormPageModel
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }

    public void OnGet() { }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => AttemptAsync(async () =>
    {
        if (NewPassword != ConfirmPassword) throw ValidationFailedException.For("confirmPassword", "两次输入的新密码不一致。");
        var user = await changePassword.HandleAsync(new ChangePasswordRequest(CurrentPassword, NewPassword), ct);
        await CookieSignIn.FullAsync(HttpContext, user);
        TempData["Message"] = "密码已修改。其他设备和应用上的登录已全部退出。";
        return RedirectToPage();
    }, () => Task.CompletedTask);
}
