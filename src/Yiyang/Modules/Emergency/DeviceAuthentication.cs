using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// The device endpoints' own authentication scheme: <c>Authorization: Bearer yyd_…</c>, looked up by the secret's hash
/// among devices not revoked. It is never the default scheme, so a device secret opens no user endpoint (the user bearer
/// handler finds no such token), and the device endpoints' policy names this scheme alone, so a user token opens no
/// device endpoint. Unknown or revoked secrets get 401; a signed-in user (cookie or token) gets 403.
/// </summary>
public sealed class DeviceAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, YiyangDb db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Device";
    public const string DeviceClaim = "yy:device";
    public const string ElderClaim = "yy:device-elder";
    public const string HeartbeatClaim = "yy:device-heartbeat";
    public const string Role = "device";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!DeviceSecrets.LooksValid(secret)) return AuthenticateResult.Fail("not a device secret");
        var hash = DeviceSecrets.Hash(secret);
        var device = await db.Set<EmergencyDevice>().AsNoTracking().Where(d => d.SecretHash == hash && d.RevokedAt == null)
            .Select(d => new { d.Id, d.ElderId, d.HeartbeatSeconds, d.SecretHash }).FirstOrDefaultAsync(Context.RequestAborted);
        // the index found the row by hash; the comparison itself is constant-time
        if (device is null || !DeviceSecrets.Matches(secret, device.SecretHash)) return AuthenticateResult.Fail("unknown or revoked device");
        var id = device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var identity = new ClaimsIdentity(
        [
            new Claim(DeviceClaim, id),
            new Claim(ElderClaim, device.ElderId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(HeartbeatClaim, device.HeartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, "device:" + id),
            new Claim(ClaimTypes.Role, Role),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var asUser = await Context.AuthenticateAsync(Platform.PlatformSetup.SmartScheme);
        if (asUser.Succeeded)
        {
            Response.StatusCode = 403;
            await ProblemWriter.WriteAsync(Context, 403, "没有权限", "该接口只接受设备密钥，不接受用户登录凭据。", "device-only");
            return;
        }
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemWriter.WriteAsync(Context, 401, "设备认证失败", "设备密钥无效或已注销。", "device-unauthenticated");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        await ProblemWriter.WriteAsync(Context, 403, "没有权限", "该设备无权执行此操作。", "forbidden");
    }
}

/// <summary>The device of a request authenticated by <see cref="DeviceAuthentication"/>.</summary>
public sealed record DeviceCaller(long DeviceId, long ElderId, int HeartbeatSeconds)
{
    public string Actor => "device:" + DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ValueTask<DeviceCaller?> BindAsync(HttpContext http)
    {
        var u = http.User;
        return ValueTask.FromResult(long.TryParse(u.FindFirstValue(DeviceAuthentication.DeviceClaim), out var d)
                                    && long.TryParse(u.FindFirstValue(DeviceAuthentication.ElderClaim), out var e)
                                    && int.TryParse(u.FindFirstValue(DeviceAuthentication.HeartbeatClaim), out var h)
            ? new DeviceCaller(d, e, h)
            : null);
    }

    /// <summary>401 unless the body names the device that authenticated (a secret speaks for its own device only).</summary>
    public void Demand(long? deviceId)
    {
        if (deviceId != DeviceId) throw DeviceRefusedException.Mismatch();
    }
}

/// <summary>A device request refused as unauthenticated (401): the body names another device, or the device was revoked meanwhile.</summary>
public sealed class DeviceRefusedException(string code, string message) : AppException(code, message)
{
    public override int Status => StatusCodes.Status401Unauthorized;

    public static DeviceRefusedException Mismatch() => new("device-mismatch", "设备密钥与请求中的 deviceId 不符。");

    public static DeviceRefusedException Revoked() => new("device-unauthenticated", "设备密钥无效或已注销。");
}
