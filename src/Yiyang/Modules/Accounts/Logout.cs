using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Yiyang.Modules.Accounts;

/// <summary>
/// 退出登录. With a bearer token: that token is revoked (deleted, and forgotten by this node at once; another node may
/// still accept it for up to 30 s, <see cref="BearerTokenCache"/>). In the browser (cookie): every session of the user
/// ends — a new session stamp, so a copied cookie stops working too, and all their tokens are revoked.
/// </summary>
public sealed class Logout(YiyangDb db, AccountSessions sessions, AuditTrail audit, CurrentUser me, IHttpContextAccessor http)
{
    public static void Map(RouteGroupBuilder auth) =>
        auth.MapPost("/logout", async Task<NoContent> (Logout handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization() // also the sign-in that may only enrol a second factor
            .ProducesProblems(401)
            .WithSummary("退出：吊销本次请求所用的访问令牌；以浏览器登录（Cookie）时结束该用户的全部会话");

    public async Task HandleAsync(CancellationToken ct)
    {
        var ctx = http.HttpContext!;
        if (ctx.Items[BearerTokenHandler.TokenHashItem] is string hash)
        {
            await sessions.RevokeToken(hash, ct);
            await audit.RecordAsync("logout", "user", me.Id?.ToString(), detail: "token");
            return;
        }
        await EndAllAsync(ct);
        await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Ends every session of the signed-in user (the page's 退出 and the API with a cookie), audited.</summary>
    public async Task EndAllAsync(CancellationToken ct)
    {
        if (me.Id is not { } id || await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct) is not { } user) return;
        await sessions.EndAll(user, ct);
        user.Version++;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("logout", "user", user.Id.ToString(), detail: "all-sessions");
    }
}
