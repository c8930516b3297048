using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Accounts;

namespace Yiyang.Modules.Accounts.Pages;

public sealed class LoginModel(AccountService accounts) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Message { get; private set; }
    public bool TimedOut { get; private set; }

    public void OnGet() => TimedOut = ReturnUrl is not null && Request.Query.ContainsKey("ReturnUrl") && Request.Cookies.ContainsKey("yiyang.seen");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Message = "请输入用户名和密码。";
            return Page();
        }
        var result = await accounts.VerifyAsync(UserName, Password, ct);
        switch (result.Outcome)
        {
            case LoginOutcome.LockedOut:
                Message = "连续登录失败次数过多，账户已临时锁定，请 15 分钟后再试或联系安全管理员解锁。";
                return Page();
            case LoginOutcome.Invalid:
                Message = "用户名或密码不正确。";
                return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountService.Principal(result.User!, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false });
        Response.Cookies.Append("yiyang.seen", "1", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
