using System.Security.Cryptography;

namespace Yiyang.Modules.Emergency;

/// <summary>Device kinds: API codes, Chinese names, default heartbeat intervals (docs/domain/emergency.md#devices).</summary>
public static class DeviceRules
{
    public static string Code(DeviceKind k) => k switch
    {
        DeviceKind.SosButton => "sos-button",
        DeviceKind.FallDetector => "fall-detector",
        DeviceKind.BedExitMat => "bed-exit-mat",
        DeviceKind.SmokeDetector => "smoke-detector",
        DeviceKind.GasDetector => "gas-detector",
        DeviceKind.BloodPressureMeter => "bp-meter",
        DeviceKind.GlucoseMeter => "glucose-meter",
        DeviceKind.PulseOximeter => "pulse-oximeter",
        _ => "scale",
    };

    public static string Name(DeviceKind k) => k switch
    {
        DeviceKind.SosButton => "一键呼叫（按钮/手环）",
        DeviceKind.FallDetector => "跌倒监测器",
        DeviceKind.BedExitMat => "离床感应垫",
        DeviceKind.SmokeDetector => "烟雾报警器",
        DeviceKind.GasDetector => "燃气报警器",
        DeviceKind.BloodPressureMeter => "血压计",
        DeviceKind.GlucoseMeter => "血糖仪",
        DeviceKind.PulseOximeter => "血氧仪",
        _ => "体重秤",
    };

    public static DeviceKind? Parse(string? code) =>
        Enum.GetValues<DeviceKind>().Cast<DeviceKind?>().FirstOrDefault(k => Code(k!.Value) == code?.Trim());

    public static string Codes => string.Join("、", Enum.GetValues<DeviceKind>().Select(Code));

    /// <summary>
    /// How often a device of the kind reports when nothing happens: alarm devices every 15 minutes (wearables) or hour
    /// (fixed detectors); measuring devices once a day.
    /// </summary>
    public static int DefaultHeartbeatSeconds(DeviceKind k) => k switch
    {
        DeviceKind.SosButton or DeviceKind.FallDetector or DeviceKind.BedExitMat => 900,
        DeviceKind.SmokeDetector or DeviceKind.GasDetector => 3600,
        _ => 86400,
    };

    /// <summary>Silent for longer than its interval plus the grace (a heartbeat a little late is not an outage): offline.</summary>
    public static bool IsOffline(DateTimeOffset lastSeen, int heartbeatSeconds, TimeSpan grace, DateTimeOffset now) =>
        now > OfflineAfter(lastSeen, heartbeatSeconds, grace);

    /// <summary>The instant after which a device last seen at <paramref name="lastSeen"/> counts as offline.</summary>
    public static DateTimeOffset OfflineAfter(DateTimeOffset lastSeen, int heartbeatSeconds, TimeSpan grace) =>
        lastSeen + TimeSpan.FromSeconds(heartbeatSeconds) + grace;
}

/// <summary>
/// Device secrets: 256 random bits, shown once as <c>yyd_</c> + base64url; stored only as their SHA-256 (a secret of
/// that strength needs no slow hash), compared in constant time.
/// </summary>
public static class DeviceSecrets
{
    public const string Prefix = "yyd_";

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    /// <summary>Shape check before any lookup: the prefix and 43 base64url characters.</summary>
    public static bool LooksValid(string secret) =>
        secret.Length == Prefix.Length + 43 && secret.StartsWith(Prefix, StringComparison.Ordinal)
        && secret.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
