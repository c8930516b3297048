using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiyang.Platform.Data;

namespace Yiyang.Modules.Accounts;

/// <summary>Opaque bearer tokens issued by POST /api/auth/token; looked up by hash in the database (revocable, node-independent).</summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, YiyangDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (token.Length is < 20 or > 200) return AuthenticateResult.Fail("invalid token");
        var hash = AccountService.TokenHash(token);
        var now = clock.GetUtcNow();
        var user = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.ExpiresAt > now)
            .Join(db.Users.Where(u => u.IsActive), t => t.UserId, u => u.Id, (t, u) => u)
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (user is null) return AuthenticateResult.Fail("invalid or expired token");
        return AuthenticateResult.Success(new AuthenticationTicket(AccountService.Principal(user, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Platform.Web.ProblemWriter.WriteAsync(Context, 401, "请先登录", "需要登录或有效的访问令牌。", "unauthenticated");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        await Platform.Web.ProblemWriter.WriteAsync(Context, 403, "没有权限", "您的角色无权执行此操作。", "forbidden");
    }
}
