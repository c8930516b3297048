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
/// The telephony gateway's own scheme: <c>Authorization: Bearer yyg_…</c>, checked against the SHA-256 of each
/// configured gateway secret in constant time (only hashes are configured; <see cref="MachineSecretAuthentication"/>).
/// </summary>
public sealed class GatewayAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IOptions<EmergencyOptions> settings) : MachineSecretAuthentication(options, logger, encoder)
{
    public const string SchemeName = "TelephonyGateway";
    public const string GatewayClaim = "yy:gateway";
    public const string RegionClaim = "yy:gateway-region";
    public const string Prefix = "yyg_";

    protected override string Kind => "电话网关";
    protected override string Code => "gateway";
    protected override string UnknownSecretDetail => "电话网关密钥无效。";

    protected override Task<IReadOnlyList<Claim>?> IdentifyAsync(string secret)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length is < 36 or > 200)
            return Task.FromResult<IReadOnlyList<Claim>?>(null);
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));
        TelephonyGateway? found = null;
        foreach (var g in settings.Value.Gateways)
        {
            var stored = TryHex(g.SecretSha256);
            if (stored is { Length: 32 } && CryptographicOperations.FixedTimeEquals(hash, stored)) found = g;
        }
        return Task.FromResult<IReadOnlyList<Claim>?>(found is null
            ? null
            :
            [
                new Claim(GatewayClaim, found.Name),
                new Claim(RegionClaim, found.RegionCode),
                new Claim(ClaimTypes.Name, "gateway:" + found.Name),
                new Claim(ClaimTypes.Role, "gateway"),
            ]);
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
