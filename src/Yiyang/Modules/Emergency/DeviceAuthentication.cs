using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// The device endpoints' own scheme: <c>Authorization: Bearer yyd_…</c>, looked up by the secret's hash among devices
/// not revoked (the policy of the device endpoints names this scheme alone; <see cref="MachineSecretAuthentication"/>).
/// </summary>
public sealed class DeviceAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, YiyangDb db)
    : MachineSecretAuthentication(options, logger, encoder)
{
    public const string SchemeName = "Device";
    public const string DeviceClaim = "yy:device";
    public const string ElderClaim = "yy:device-elder";
    public const string HeartbeatClaim = "yy:device-heartbeat";
    public const string Role = "device";

    protected override string Kind => "设备";
    protected override string Code => "device";
    protected override string UnknownSecretDetail => "设备密钥无效或已注销。";

    protected override async Task<IReadOnlyList<Claim>?> IdentifyAsync(string secret)
    {
        if (!DeviceSecrets.LooksValid(secret)) return null;
        var hash = DeviceSecrets.Hash(secret);
        var device = await db.Set<EmergencyDevice>().AsNoTracking().Where(d => d.SecretHash == hash && d.RevokedAt == null)
            .Select(d => new { d.Id, d.ElderId, d.HeartbeatSeconds, d.SecretHash }).FirstOrDefaultAsync(Context.RequestAborted);
        // the index found the row by hash; the comparison itself is constant-time
        if (device is null || !DeviceSecrets.Matches(secret, device.SecretHash)) return null;
        var id = device.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            new Claim(DeviceClaim, id),
            new Claim(ElderClaim, device.ElderId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(HeartbeatClaim, device.HeartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, "device:" + id),
            new Claim(ClaimTypes.Role, Role),
        ];
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
