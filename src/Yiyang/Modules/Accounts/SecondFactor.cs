using System.Security.Cryptography;
using OtpNet;
using QRCoder;

namespace Yiyang.Modules.Accounts;

/// <summary>
/// The second factor: TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, one step of clock drift either way; each code
/// accepted once) with a secret encrypted at rest by the PII key, and 10 one-time recovery codes stored as keyed hashes.
/// </summary>
public sealed class SecondFactor(YiyangDb db, PiiProtector pii, TimeProvider clock)
{
    public const string Issuer = "Yiyang";
    public const int RecoveryCodeCount = 10;
    private const string RecoveryAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I

    /// <summary>A fresh secret (160 bits, Base32 as authenticator apps take it).</summary>
    public static string NewSecret() => Base32Encoding.ToString(RandomNumberGenerator.GetBytes(20));

    /// <summary>The otpauth URI an authenticator app reads from the QR code.</summary>
    public static string OtpAuthUri(string userName, string secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer + ":" + userName)}?secret={secret}&issuer={Issuer}&algorithm=SHA1&digits=6&period=30";

    /// <summary>The QR code of <paramref name="text"/> as a PNG data URI (the CSP allows data: images).</summary>
    public static string QrDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    /// <summary>The secret written in groups of four, for typing it in by hand.</summary>
    public static string Grouped(string secret) => string.Join(' ', secret.Chunk(4).Select(c => new string(c)));

    /// <summary>The time step a code matches (now, one before or one after), or null.</summary>
    public long? MatchStep(string secret, string? code)
    {
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    /// <summary>Checks a code of an enrolled user and marks its step used (atomic, so a code is good once, on any node).</summary>
    public async Task<bool> VerifyCodeAsync(User user, string? code, CancellationToken ct)
    {
        if (user.TotpSecret is null || user.TotpEnabledAt is null) return false;
        if (MatchStep(pii.Decrypt(user.TotpSecret), code) is not { } step) return false;
        return await db.Users.Where(u => u.Id == user.Id && (u.TotpLastStep == null || u.TotpLastStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TotpLastStep, step), ct) == 1;
    }

    /// <summary>Uses up one recovery code of the user, if it is one and unused.</summary>
    public async Task<bool> UseRecoveryCodeAsync(User user, string? code, CancellationToken ct)
    {
        var normalized = Normalize(code);
        if (normalized.Length != 10) return false;
        var hash = RecoveryHash(user.Id, normalized);
        var now = clock.GetUtcNow();
        return await db.Set<RecoveryCode>().Where(r => r.UserId == user.Id && r.CodeHash == hash && r.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedAt, now), ct) == 1;
    }

    public Task<int> RecoveryCodesLeftAsync(long userId, CancellationToken ct) =>
        db.Set<RecoveryCode>().CountAsync(r => r.UserId == userId && r.UsedAt == null, ct);

    /// <summary>
    /// Turns the second factor on with a secret the user's app shows <paramref name="code"/> for (the proof that it was
    /// scanned), and returns the new recovery codes, shown once. False code: null, nothing changes.
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnrolAsync(User user, string secret, string? code, CancellationToken ct)
    {
        if (MatchStep(secret, code) is not { } step) return null;
        user.TotpSecret = pii.Encrypt(secret);
        user.TotpEnabledAt = clock.GetUtcNow();
        user.TotpLastStep = step;
        user.Version++;
        var codes = await ReplaceRecoveryCodesAsync(user.Id, ct);
        await db.SaveChangesAsync(ct);
        return codes;
    }

    /// <summary>New recovery codes (the old ones stop working); the caller saves.</summary>
    public async Task<IReadOnlyList<string>> ReplaceRecoveryCodesAsync(long userId, CancellationToken ct)
    {
        await db.Set<RecoveryCode>().Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow();
        var codes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        foreach (var c in codes)
            db.Set<RecoveryCode>().Add(new RecoveryCode { UserId = userId, CodeHash = RecoveryHash(userId, Normalize(c)), CreatedAt = now });
        return codes;
    }

    /// <summary>Turns the second factor off (the security admin's reset): secret and recovery codes gone; the caller saves.</summary>
    public async Task ResetAsync(User user, CancellationToken ct)
    {
        user.TotpSecret = null;
        user.TotpEnabledAt = null;
        user.TotpLastStep = null;
        await db.Set<RecoveryCode>().Where(r => r.UserId == user.Id).ExecuteDeleteAsync(ct);
    }

    private static string NewRecoveryCode()
    {
        var chars = RandomNumberGenerator.GetItems<char>(RecoveryAlphabet, 10);
        return new string(chars, 0, 5) + "-" + new string(chars, 5, 5);
    }

    private static string Normalize(string? code) =>
        new string((code ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();

    private string RecoveryHash(long userId, string normalized) =>
        Convert.ToHexStringLower(pii.Hash("recovery-code", userId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + normalized));
}
