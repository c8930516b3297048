using System.Security.Cryptography;
using System.Text;

namespace Yiyang.Platform.Security;

/// <summary>
/// Encrypts personal data at rest (AES-256-GCM, random nonce, key version byte) and computes keyed hashes
/// (HMAC-SHA256) so that an ID number or phone can still be found by exact match.
/// Layout of a cipher value: [version=1][12-byte nonce][16-byte tag][ciphertext].
/// </summary>
public sealed class PiiProtector
{
    private const byte Version = 1;
    private readonly byte[] _encKey;
    private readonly byte[] _hashKey;
    // AesGcm is not thread-safe and costly to create (key schedule, native handle): one per thread
    private readonly ThreadLocal<AesGcm> _aes;

    public PiiProtector(byte[] encryptionKey, byte[] hashKey)
    {
        if (encryptionKey.Length != 32) throw new ArgumentException("加密密钥必须是 32 字节", nameof(encryptionKey));
        if (hashKey.Length < 32) throw new ArgumentException("哈希密钥至少 32 字节", nameof(hashKey));
        _encKey = encryptionKey;
        _hashKey = hashKey;
        _aes = new ThreadLocal<AesGcm>(() => new AesGcm(_encKey, 16));
    }

    public byte[] Encrypt(string plain)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var output = new byte[1 + 12 + 16 + data.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, 12);
        RandomNumberGenerator.Fill(nonce);
        _aes.Value!.Encrypt(nonce, data, output.AsSpan(29), output.AsSpan(13, 16));
        return output;
    }

    public string Decrypt(byte[] cipher)
    {
        if (cipher.Length < 29 || cipher[0] != Version) throw new CryptographicException("未知的密文格式");
        var plain = new byte[cipher.Length - 29];
        _aes.Value!.Decrypt(cipher.AsSpan(1, 12), cipher.AsSpan(29), cipher.AsSpan(13, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public string? DecryptOrNull(byte[]? cipher) => cipher is null ? null : Decrypt(cipher);

    /// <summary>Keyed hash of a normalized value, with a purpose prefix so the same digits hash differently per field.</summary>
    public byte[] Hash(string purpose, string normalized) =>
        HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(purpose + "\u001f" + normalized));
}

/// <summary>Loads the PII keys from configuration or, for the embedded demo, from a generated key file.</summary>
public static class PiiKeys
{
    public static PiiProtector Create(IConfiguration config, IHostEnvironment env)
    {
        var enc = config["Security:PiiEncryptionKey"];
        var hash = config["Security:PiiHashKey"];
        if (!string.IsNullOrWhiteSpace(enc) && !string.IsNullOrWhiteSpace(hash))
            return new PiiProtector(Convert.FromBase64String(enc), Convert.FromBase64String(hash));

        var keyFile = config["Security:PiiKeyFile"];
        if (string.IsNullOrWhiteSpace(keyFile))
            throw new InvalidOperationException(
                "未配置个人信息加密密钥：请设置 Security__PiiEncryptionKey 和 Security__PiiHashKey（Base64，32 字节），或 Security__PiiKeyFile。");
        var path = Path.IsPathRooted(keyFile) ? keyFile : Path.Combine(env.ContentRootPath, keyFile);
        if (!File.Exists(path)) PrivateFiles.WriteNew(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))); // 0600 from the start
        else if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, PrivateFiles.FileMode);
        var bytes = Convert.FromBase64String(File.ReadAllText(path).Trim());
        if (bytes.Length != 64) throw new InvalidOperationException("密钥文件格式不正确（应为 64 字节 Base64）。");
        return new PiiProtector(bytes[..32], bytes[32..]);
    }
}
