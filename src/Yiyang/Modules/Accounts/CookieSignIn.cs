using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Yiyang.Modules.Accounts;

/// <summary>
/// The browser's sign-in: the login cookie (a session cookie, no persistent expiry), and between the password and the
/// second factor a short-lived protected cookie naming the user (5 minutes, bound to their session stamp).
/// </summary>
public static class CookieSignIn
{
    private const string PendingCookie = "yiyang.2fa";
    private const string Purpose = "Yiyang.Accounts.PendingSecondFactor";
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(5);

    public static async Task FullAsync(HttpContext http, User user)
    {
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountService.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme), new AuthenticationProperties { IsPersistent = false });
        http.Response.Cookies.Append("yiyang.seen", "1", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
    }

    /// <summary>Signs in to the enrolment page only (<see cref="TotpEnrolmentGate"/>).</summary>
    public static Task EnrolmentOnlyAsync(HttpContext http, User user) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            AccountService.EnrolmentPrincipal(user, CookieAuthenticationDefaults.AuthenticationScheme), new AuthenticationProperties { IsPersistent = false });

    public static void StartPending(HttpContext http, User user, string? returnUrl)
    {
        var payload = string.Join('\u001f', user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), user.SessionStamp, returnUrl ?? "");
        var value = Protector(http).Protect(payload, PendingLifetime);
        http.Response.Cookies.Append(PendingCookie, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/Account",
            Secure = http.Request.IsHttps,
            MaxAge = PendingLifetime,
        });
    }

    /// <summary>The user waiting for the second step (id and stamp at the password step, and where to go next), or null.</summary>
    public static (long UserId, string Stamp, string? ReturnUrl)? Pending(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(PendingCookie, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            var parts = Protector(http).Unprotect(value).Split('\u001f');
            return parts.Length == 3 && long.TryParse(parts[0], out var id) ? (id, parts[1], parts[2].Length == 0 ? null : parts[2]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired or forged
        }
    }

    public static void EndPending(HttpContext http) => http.Response.Cookies.Delete(PendingCookie, new CookieOptions { Path = "/Account" });

    private static ITimeLimitedDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).ToTimeLimitedDataProtector();
}
