using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Yiyang.Modules.Accounts.Pages;

/// <summary>退出: ends every session of the user (a copied cookie stops working too) and revokes their tokens.</summary>
[AllowAnonymous]
public sealed class LogoutModel(Logout logout, CurrentUser me) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (me.IsAuthenticated) await logout.EndAllAsync(ct);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        Response.Cookies.Delete("yiyang.seen");
        return Redirect("/Account/Login");
    }
}
