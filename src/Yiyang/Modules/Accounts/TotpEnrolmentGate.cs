namespace Yiyang.Modules.Accounts;

/// <summary>
/// A user whose role needs the second factor and who has not enrolled yet signs in to the enrolment page only
/// (<see cref="AccountService.EnrolmentPrincipal"/>, which carries no role): every other page sends them there, and every
/// API answers 403 <c>totp-enrolment-required</c>. Logging out stays possible.
/// </summary>
public sealed class TotpEnrolmentGate(RequestDelegate next)
{
    public const string EnrolPath = "/Account/Totp";
    private static readonly string[] Allowed = [EnrolPath, "/Account/Logout", "/Account/Login", "/Account/Denied", "/Error", "/api/auth/logout"];

    public async Task InvokeAsync(HttpContext ctx)
    {
        if (ctx.User.HasClaim(c => c.Type == AccountService.EnrolOnlyClaim) && !Allowed.Any(p => ctx.Request.Path.StartsWithSegments(p)))
        {
            if (ctx.Request.Path.StartsWithSegments("/api"))
            {
                await ProblemWriter.WriteAsync(ctx, 403, "须先绑定动态口令", "您的角色须使用动态口令登录，请先在网页上完成绑定。", "totp-enrolment-required");
                return;
            }
            ctx.Response.Redirect(EnrolPath);
            return;
        }
        await next(ctx);
    }
}
