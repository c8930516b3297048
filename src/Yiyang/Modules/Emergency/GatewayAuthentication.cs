using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Emergency;

/// <summary>A telephony gateway allowed to push calls (<c>Emergency:Gateways</c>): its name, the SHA-256 (hex) of its secret, the region its lines serve.</summary>
public sealed class TelephonyGateway
{
    public string Name { get; set; } = "";
    public string SecretSha256 { get; set; } = "";
    public string RegionCode { get; set; } = "";
}

/// <summary>
/// The telephony gateway's own scheme, like the devices': <c>Authorization: Bearer yyg_…</c>, checked against the
/// SHA-256 of each configured gateway secret in constant time (only hashes are configured). Never the default scheme: a
/// gateway secret opens no user endpoint, and a user token is a 403 on the gateway endpoint.
/// </summary>
public sealed class GatewayAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<EmergencyOptions> settings) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TelephonyGateway";
    public const string GatewayClaim = "yy:gateway";
    public const string RegionClaim = "yy:gateway-region";
    public const string Prefix = "yyg_";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length is < 36 or > 200)
            return Task.FromResult(AuthenticateResult.Fail("not a gateway secret"));
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));
        TelephonyGateway? found = null;
        foreach (var g in settings.Value.Gateways)
        {
            var stored = TryHex(g.SecretSha256);
            if (stored is { Length: 32 } && CryptographicOperations.FixedTimeEquals(hash, stored)) found = g;
        }
        if (found is null) return Task.FromResult(AuthenticateResult.Fail("unknown gateway"));
        var identity = new ClaimsIdentity(
        [
            new Claim(GatewayClaim, found.Name),
            new Claim(RegionClaim, found.RegionCode),
            new Claim(ClaimTypes.Name, "gateway:" + found.Name),
            new Claim(ClaimTypes.Role, "gateway"),
        ], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    private static byte[]? TryHex(string hex)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var asUser = await Context.AuthenticateAsync(Platform.PlatformSetup.SmartScheme);
        if (asUser.Succeeded)
        {
            Response.StatusCode = 403;
            await ProblemWriter.WriteAsync(Context, 403, "没有权限", "该接口只接受电话网关密钥，不接受用户登录凭据。", "gateway-only");
            return;
        }
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemWriter.WriteAsync(Context, 401, "网关认证失败", "电话网关密钥无效。", "gateway-unauthenticated");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        await ProblemWriter.WriteAsync(Context, 403, "没有权限", "该网关无权执行此操作。", "forbidden");
    }
}

/// <summary>The gateway of a request authenticated by <see cref="GatewayAuthentication"/>.</summary>
public sealed record GatewayCaller(string Name, string RegionCode)
{
    public string Actor => "gateway:" + Name;

    public static ValueTask<GatewayCaller?> BindAsync(HttpContext http)
    {
        var u = http.User;
        return ValueTask.FromResult(u.FindFirstValue(GatewayAuthentication.GatewayClaim) is { } name
            ? new GatewayCaller(name, u.FindFirstValue(GatewayAuthentication.RegionClaim) ?? "")
            : null);
    }
}
