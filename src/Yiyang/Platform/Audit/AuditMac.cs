using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Yiyang.Platform.Audit;

/// <summary>
/// The audit chain's keyed MAC (HMAC-SHA256) and the signature of its checkpoints. The key is never stored in the
/// database: without it, nobody who can write the table can re-chain, shorten or re-attribute entries so that they verify.
/// Entries written before the switch keep the unkeyed SHA-256 of ADR 0003; the first keyed entry is a marker
/// (<see cref="KeyedAction"/>) whose MAC covers the last unkeyed hash, so the old segment is anchored too (ADR 0013).
/// </summary>
public sealed class AuditMac
{
    /// <summary>The marker entry that starts the keyed chain: entries before it are unkeyed, it and all after it keyed.</summary>
    public const string KeyedAction = "audit.chain.keyed";

    /// <summary>
    /// The marker entry of a key rotation: keyed with the new key and linked to the last entry of the old one, so that
    /// the chain stays one chain; entries after it carry the new key's MAC (ADR 0013, amendment).
    /// </summary>
    public const string RekeyedAction = "audit.chain.rekeyed";

    private readonly byte[] _key;
    private readonly IReadOnlyList<AuditMac> _previous;

    /// <param name="previousKeys">Keys the chain was written with before the current one: kept to verify, never to write.</param>
    public AuditMac(byte[] key, IEnumerable<byte[]>? previousKeys = null)
    {
        if (key.Length < 32) throw new ArgumentException("审计密钥至少 32 字节", nameof(key));
        _key = key;
        KeyId = Convert.ToHexStringLower(HMACSHA256.HashData(_key, "yiyang-audit-key-id"u8))[..16];
        _previous = (previousKeys ?? []).Select(k => new AuditMac(k)).Where(m => m.KeyId != KeyId).ToList();
    }

    /// <summary>The keys the chain was written with before the current one.</summary>
    public IReadOnlyList<AuditMac> Previous => _previous;

    /// <summary>The key (current or previous) with this fingerprint, if it is known.</summary>
    public AuditMac? ForKeyId(string? keyId) => keyId == KeyId ? this : _previous.FirstOrDefault(p => p.KeyId == keyId);

    /// <summary>The fingerprint a marker entry names (its detail's <c>key=…</c>), if any.</summary>
    public static string? MarkerKeyId(AuditEntry marker) =>
        (marker.Detail ?? "").Split("; ").Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == "key")?[1];

    /// <summary>Whether the entry is a chain marker (keyed start or rotation) that carries the MAC of the key it names.</summary>
    public AuditMac? MarkerKey(AuditEntry e) =>
        e.SubjectType == "audit" && e.SubjectId == "chain" && e.Action is KeyedAction or RekeyedAction
        && ForKeyId(MarkerKeyId(e)) is { } k && k.Compute(e) == e.Hash ? k : null;

    /// <summary>A fingerprint of the key (not the key): tells which key a chain or a checkpoint was made with.</summary>
    public string KeyId { get; }

    /// <summary>The entry's MAC over the same canonical fields as the unkeyed hash (predecessor included).</summary>
    public string Compute(AuditEntry e) => Mac("entry\u001f" + Canonical(e));

    /// <summary>Signature of a checkpoint's text.</summary>
    public string Sign(string text) => Mac("checkpoint\u001f" + text);

    /// <summary>The unkeyed SHA-256 of entries written before the switch (ADR 0003).</summary>
    public static string LegacyHash(AuditEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    private string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    private static string Canonical(AuditEntry e)
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Join('\u001f',
            e.PrevHash,
            e.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", inv),
            e.UserId?.ToString(inv) ?? "",
            e.UserName, e.Role, e.Action, e.SubjectType, e.SubjectId ?? "",
            e.ElderId?.ToString(inv) ?? "", e.Detail ?? "", e.RemoteIp ?? "");
    }
}

/// <summary>Loads the audit MAC key like the PII keys: from configuration or, for the embedded demo, from a generated key file.</summary>
public static class AuditKeys
{
    public static AuditMac Create(IConfiguration config, IHostEnvironment env)
    {
        var key = config["Security:AuditMacKey"];
        if (!string.IsNullOrWhiteSpace(key)) return new AuditMac(Convert.FromBase64String(key), PreviousKeys(config));

        var keyFile = config["Security:AuditKeyFile"];
        if (string.IsNullOrWhiteSpace(keyFile))
            throw new InvalidOperationException(
                "未配置审计密钥：请设置 Security__AuditMacKey（Base64，至少 32 字节），或 Security__AuditKeyFile。");
        var path = Path.IsPathRooted(keyFile) ? keyFile : Path.Combine(env.ContentRootPath, keyFile);
        if (!File.Exists(path)) PrivateFiles.WriteNew(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))); // 0600 from the start
        var bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
        if (bytes.Length < 32) throw new InvalidOperationException("审计密钥文件格式不正确（应为至少 32 字节的 Base64）。");
        return new AuditMac(bytes, PreviousKeys(config));
    }

    /// <summary>
    /// <c>Security:AuditPreviousMacKeys</c>: the keys of before a rotation, Base64, as a list
    /// (<c>Security__AuditPreviousMacKeys__0</c>, …) or separated by commas. They only verify.
    /// </summary>
    private static List<byte[]> PreviousKeys(IConfiguration config)
    {
        var section = config.GetSection("Security:AuditPreviousMacKeys");
        var texts = section.Value is { Length: > 0 } one ? one.Split(',') : section.GetChildren().Select(c => c.Value ?? "");
        return texts.Select(t => t.Trim()).Where(t => t.Length > 0).Select(Convert.FromBase64String).ToList();
    }
}
