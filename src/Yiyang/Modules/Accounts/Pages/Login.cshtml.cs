using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Modules.Accounts.Pages;

/// <summary>登录, first step: the password. Then the second factor (/Account/LoginCode) or, for a user who must enrol one, the enrolment page.</summary>
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
        var result = await accounts.PasswordAsync(UserName, Password, ct);
        var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        switch (result.Outcome)
        {
            case LoginOutcome.Success:
                await CookieSignIn.FullAsync(HttpContext, result.User!);
                return LocalRedirect(next);
            case LoginOutcome.SecondFactorRequired:
                CookieSignIn.StartPending(HttpContext, result.User!, next);
                return Redirect("/Account/LoginCode");
            case LoginOutcome.EnrolmentRequired:
                await CookieSignIn.EnrolmentOnlyAsync(HttpContext, result.User!);
                return Redirect(TotpEnrolmentGate.EnrolPath);
            case LoginOutcome.Throttled:
                Message = Throttled(HttpContext, result.RetryAfter);
                return Page();
            default:
                Message = IssueToken.InvalidMessage;
                return Page();
        }
    }

    /// <summary>The page's answer to a throttled attempt: 429 with Retry-After, and the wait in words.</summary>
    internal static string Throttled(HttpContext http, TimeSpan? wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((wait ?? TimeSpan.FromMinutes(1)).TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"登录失败次数过多，请 {Math.Max(1, (seconds + 59) / 60)} 分钟后再试。";
    }
}
