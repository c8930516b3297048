using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Modules.Accounts.Pages;

/// <summary>登录, second step: the TOTP code from the authenticator app, or one recovery code.</summary>
[AllowAnonymous]
public sealed class LoginCodeModel(AccountService accounts, YiyangDb db) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? RecoveryCode { get; set; }
    public string? Message { get; private set; }

    public IActionResult OnGet() => CookieSignIn.Pending(HttpContext) is null ? Redirect("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (CookieSignIn.Pending(HttpContext) is not { } pending) return Redirect("/Account/Login");
        var stamp = await db.Users.AsNoTracking().Where(u => u.Id == pending.UserId).Select(u => u.SessionStamp).FirstOrDefaultAsync(ct);
        if (stamp != pending.Stamp)
        {
            CookieSignIn.EndPending(HttpContext);
            return Redirect("/Account/Login");
        }
        if (string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(RecoveryCode))
        {
            Message = "请输入验证器上的 6 位动态口令，或一个恢复码。";
            return Page();
        }
        var result = await accounts.SecondFactorAsync(pending.UserId, Code, RecoveryCode, ct);
        switch (result.Outcome)
        {
            case LoginOutcome.Success:
                CookieSignIn.EndPending(HttpContext);
                await CookieSignIn.FullAsync(HttpContext, result.User!);
                return LocalRedirect(Url.IsLocalUrl(pending.ReturnUrl) ? pending.ReturnUrl! : "/");
            case LoginOutcome.Throttled:
                Message = LoginModel.Throttled(HttpContext, result.RetryAfter);
                return Page();
            case LoginOutcome.SecondFactorInvalid:
                Message = "动态口令或恢复码不正确，或已使用过。连续输错 5 次账户将临时锁定 15 分钟。";
                return Page();
            default:
                CookieSignIn.EndPending(HttpContext);
                return Redirect("/Account/Login");
        }
    }
}
