using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Yiyang.Modules.Accounts;

public enum LoginOutcome
{
    /// <summary>Signed in.</summary>
    Success,
    /// <summary>Unknown name, wrong password, disabled or locked account: one answer for all.</summary>
    Invalid,
    /// <summary>Too many failures from this address or for this name: 429 with <see cref="LoginResult.RetryAfter"/>.</summary>
    Throttled,
    /// <summary>The password is right and the user has a second factor: ask for the code.</summary>
    SecondFactorRequired,
    /// <summary>The code (or recovery code) is wrong or used.</summary>
    SecondFactorInvalid,
    /// <summary>The password is right, the role needs a second factor and the user has none yet: enrolment only.</summary>
    EnrolmentRequired,
}

public sealed record LoginResult(LoginOutcome Outcome, User? User, TimeSpan? RetryAfter = null);

/// <summary>
/// Sign-in in two steps (password, then the second factor) with lockout (state in the database, so every app node agrees),
/// a per-address and per-name throttle (<see cref="LoginThrottle"/>), and bearer tokens. Unknown, wrong, disabled and
/// locked all answer alike and take about the same time: an unknown name still costs one password-hash verification.
/// </summary>
public sealed class AccountService(YiyangDb db, TimeProvider clock, AuditTrail audit, Microsoft.Extensions.Options.IOptions<AccountOptions> options,
    IHttpContextAccessor http, LoginThrottle throttle, SecondFactor secondFactor, PiiProtector pii, SecurityAlerts alerts)
{
    private static readonly PasswordHasher<User> Hasher = new();
    private static readonly User Nobody = new() { UserName = "", DisplayName = "", PasswordHash = "", Role = "" };
    /// <summary>A hash of a random password, verified for unknown names so that they cost what a known name costs.</summary>
    private static readonly string DummyHash = Hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)));

    public static string HashPassword(User user, string password) => Hasher.HashPassword(user, password);

    public static bool PasswordMatches(User user, string hash, string? password) =>
        !string.IsNullOrEmpty(password) && Hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;

    private string? RemoteIp => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    /// <summary>The first step: the password. Success only when no second factor is needed (then the login is complete).</summary>
    public async Task<LoginResult> PasswordAsync(string? userName, string? password, CancellationToken ct)
    {
        var name = (userName ?? "").Trim();
        if (throttle.RetryAfter(RemoteIp, name) is { } wait) return new LoginResult(LoginOutcome.Throttled, null, wait);
        var user = name.Length is 0 or > 64 ? null : await db.Users.FirstOrDefaultAsync(u => u.UserName == name, ct);
        RequestTransaction.Keep(http.HttpContext); // a failed login's counter and audit entry stay although the request answers 401
        var known = user is { IsActive: true };
        // always one hash verification: a dummy one for an unknown or disabled name
        var matches = PasswordMatches(user ?? Nobody, known ? user!.PasswordHash : DummyHash, password);
        if (user is null)
        {
            await audit.RecordAsAsync("unknown", null, "", "login.failed", "user", null, "name-hash=" + NameHash(name));
            return await FailedAsync(name, null, countInRow: false);
        }
        if (!user.IsActive)
        {
            await audit.RecordAsAsync(user.UserName, user.Id, user.Role, "login.failed", "user", user.Id.ToString(), "inactive");
            return await FailedAsync(name, user, countInRow: false);
        }
        if (user.LockedUntil is { } until && until > clock.GetUtcNow())
        {
            await audit.RecordAsAsync(user.UserName, user.Id, user.Role, "login.locked", "user", user.Id.ToString());
            return await FailedAsync(name, user, countInRow: false);
        }
        if (!matches) return await FailedAsync(name, user, countInRow: true, "password");
        if (user.TotpEnabledAt is not null) return new LoginResult(LoginOutcome.SecondFactorRequired, user);
        if (options.Value.TotpRequiredFor(user.Role))
        {
            await CompleteAsync(user, "password;totp-enrolment-only", ct);
            return new LoginResult(LoginOutcome.EnrolmentRequired, user);
        }
        await CompleteAsync(user, "password", ct);
        return new LoginResult(LoginOutcome.Success, user);
    }

    /// <summary>The second step: a TOTP code or a recovery code of a user whose password was right. A wrong one counts as a failed login.</summary>
    public async Task<LoginResult> SecondFactorAsync(long userId, string? otp, string? recoveryCode, CancellationToken ct)
    {
        RequestTransaction.Keep(http.HttpContext);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || !user.IsActive) return new LoginResult(LoginOutcome.Invalid, null);
        if (throttle.RetryAfter(RemoteIp, user.UserName) is { } wait) return new LoginResult(LoginOutcome.Throttled, null, wait);
        if (user.LockedUntil is { } until && until > clock.GetUtcNow())
        {
            await audit.RecordAsAsync(user.UserName, user.Id, user.Role, "login.locked", "user", user.Id.ToString());
            return new LoginResult(LoginOutcome.SecondFactorInvalid, null);
        }
        var byRecovery = string.IsNullOrWhiteSpace(otp) && !string.IsNullOrWhiteSpace(recoveryCode);
        var ok = byRecovery ? await secondFactor.UseRecoveryCodeAsync(user, recoveryCode, ct) : await secondFactor.VerifyCodeAsync(user, otp, ct);
        if (!ok)
        {
            await FailedAsync(user.UserName, user, countInRow: true, byRecovery ? "recovery-code" : "otp");
            return new LoginResult(LoginOutcome.SecondFactorInvalid, null);
        }
        await CompleteAsync(user, byRecovery ? "password;recovery-code" : "password;otp", ct);
        return new LoginResult(LoginOutcome.Success, user);
    }

    /// <summary>
    /// Counts a failure: in the throttle, and with <paramref name="countInRow"/> in the account's row (atomic in the database,
    /// so concurrent failures are all counted: no lost update, no 409), locking it at the limit. Not cancelled with the
    /// request: a failure counts even when the client hangs up.
    /// </summary>
    private async Task<LoginResult> FailedAsync(string name, User? user, bool countInRow, string? what = null)
    {
        if (throttle.Fail(RemoteIp, name))
            await audit.RecordAsAsync(user?.UserName ?? "unknown", user?.Id, user?.Role ?? "", "login.throttled", "user", user?.Id.ToString(),
                user is null ? "name-hash=" + NameHash(name) : null);
        if (user is null || !countInRow) return new LoginResult(LoginOutcome.Invalid, null);
        var o = options.Value;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1)
            .SetProperty(u => u.Version, u => u.Version + 1));
        var lockedUntil = clock.GetUtcNow().AddMinutes(o.LockoutMinutes);
        var locked = await db.Users.Where(u => u.Id == user.Id && u.FailedLoginCount >= o.MaxFailedAttempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.LockedUntil, lockedUntil)
                .SetProperty(u => u.FailedLoginCount, 0)
                .SetProperty(u => u.Version, u => u.Version + 1)) > 0;
        await audit.RecordAsAsync(user.UserName, user.Id, user.Role, locked ? "login.lockout" : "login.failed", "user", user.Id.ToString(), what);
        if (locked)
        {
            // the security admin sees every lockout: a guessed password is the first thing to look at
            alerts.Raise("accounts.lockout", $"账号 {user.UserName} 连续 {o.MaxFailedAttempts} 次验证失败，已锁定 {o.LockoutMinutes} 分钟。",
                user.UserName, user.OrganizationId);
            await db.SaveChangesAsync();
        }
        return new LoginResult(LoginOutcome.Invalid, null);
    }

    /// <summary>A wrong current password given to change it: counted like a failed login (the lockout protects it too).</summary>
    public async Task WrongPasswordAsync(User user, string what)
    {
        RequestTransaction.Keep(http.HttpContext);
        await FailedAsync(user.UserName, user, countInRow: true, what);
    }

    /// <summary>A complete sign-in: the counters start over, and it is audited with how the user proved who they are.</summary>
    private async Task CompleteAsync(User user, string how, CancellationToken ct)
    {
        throttle.Succeed(user.UserName);
        if (user.FailedLoginCount != 0 || user.LockedUntil is not null)
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.FailedLoginCount, 0)
                .SetProperty(u => u.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(u => u.Version, u => u.Version + 1), ct);
        }
        await audit.RecordAsAsync(user.UserName, user.Id, user.Role, "login", "user", user.Id.ToString(), how);
    }

    /// <summary>A keyed hash of a typed name that matches no account (it may be a password typed in the wrong field): never the name itself.</summary>
    private string NameHash(string name) => Convert.ToHexStringLower(pii.Hash("login-name", name)[..16]);

    /// <summary>The principal of a signed-in user, with the session stamp that every request checks.</summary>
    public static ClaimsPrincipal Principal(User u, string scheme)
    {
        var claims = CurrentUser.ClaimsFor(u.Id, u.UserName, u.Role, u.OrganizationId, u.RegionCode, u.Bureau);
        claims.Add(new Claim(SessionStamps.Claim, u.SessionStamp));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>Claim of a sign-in that may only enrol the second factor (<see cref="TotpEnrolmentGate"/>).</summary>
    public const string EnrolOnlyClaim = "yy:totp-enrol";

    /// <summary>The principal of a user who must enrol a second factor first: no role, so no policy holds; only the enrolment page.</summary>
    public static ClaimsPrincipal EnrolmentPrincipal(User u, string scheme) =>
        new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, u.UserName),
            new Claim(SessionStamps.Claim, u.SessionStamp),
            new Claim(EnrolOnlyClaim, "1"),
        ], scheme));

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueTokenAsync(User user, CancellationToken ct)
    {
        string token;
        do token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        while (BearerTokenHandler.IsOtherSchemeSecret(token)); // never mistaken for a device's or a gateway's secret
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(options.Value.TokenLifetimeMinutes);
        db.ApiTokens.Add(new ApiToken { TokenHash = TokenHash(token), UserId = user.Id, CreatedAt = now, ExpiresAt = expires });
        await db.ApiTokens.Where(t => t.UserId == user.Id && t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return (token, expires);
    }

    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
