using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Yiyang.Platform.Security;

/// <summary>
/// The shape of a machine caller's own scheme (devices, telephony gateways): <c>Authorization: Bearer &lt;secret&gt;</c>,
/// identified by the subclass. Such a scheme is never the default, so its secret opens no user endpoint, and the
/// endpoints naming it alone refuse users: unknown secrets get 401, a signed-in user (cookie or token) 403.
/// </summary>
public abstract class MachineSecretAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>What the caller is called in messages ("设备", "电话网关").</summary>
    protected abstract string Kind { get; }

    /// <summary>The first word of the problem codes ("device" → device-only, device-unauthenticated).</summary>
    protected abstract string Code { get; }

    /// <summary>The 401 detail (what may be wrong with the secret).</summary>
    protected abstract string UnknownSecretDetail { get; }

    /// <summary>The caller's claims, or null when the secret is not one of this scheme's or is unknown.</summary>
    protected abstract Task<IReadOnlyList<Claim>?> IdentifyAsync(string secret);

    protected sealed override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var claims = await IdentifyAsync(header["Bearer ".Length..].Trim());
        if (claims is null) return AuthenticateResult.Fail($"unknown {Code} secret");
        var identity = new ClaimsIdentity(claims, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected sealed override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var asUser = await Context.AuthenticateAsync(PlatformSetup.SmartScheme);
        if (asUser.Succeeded)
        {
            Response.StatusCode = 403;
            await ProblemWriter.WriteAsync(Context, 403, "没有权限", $"该接口只接受{Kind}密钥，不接受用户登录凭据。", Code + "-only");
            return;
        }
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemWriter.WriteAsync(Context, 401, $"{Kind}认证失败", UnknownSecretDetail, Code + "-unauthenticated");
    }

    protected sealed override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        await ProblemWriter.WriteAsync(Context, 403, "没有权限", $"该{Kind}无权执行此操作。", "forbidden");
    }
}
