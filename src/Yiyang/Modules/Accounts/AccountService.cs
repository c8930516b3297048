using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Yiyang.Modules.Accounts;

public sealed class AccountOptions
{
    public int MaxFailedAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int IdleTimeoutMinutes { get; set; } = 20;
    public int TokenLifetimeMinutes { get; set; } = 60;
}

public enum LoginOutcome
{
    Success,
    Invalid,
    LockedOut,
}

public sealed record LoginResult(LoginOutcome Outcome, User? User, DateTimeOffset? LockedUntil = null);

/// <summary>Password checks with lockout (state in the database, so every app node agrees) and bearer tokens.</summary>
public sealed class AccountService(YiyangDb db, TimeProvider clock, AuditTrail audit, Microsoft.Extensions.Options.IOptions<AccountOptions> options,
    IHttpContextAccessor http)
{
    private static readonly PasswordHasher<User> Hasher = new();

    public static string HashPassword(User user, string password) => Hasher.HashPassword(user, password);

    public async Task<LoginResult> VerifyAsync(string? userName, string? password, CancellationToken ct)
    {
        var name = (userName ?? "").Trim();
        var user = name.Length == 0 ? null : await db.Users.FirstOrDefaultAsync(u => u.UserName == name, ct);
        var now = clock.GetUtcNow();
        RequestTransaction.Keep(http.HttpContext); // a failed login's counter and audit entry stay although the request answers 401
        if (user is null || !user.IsActive)
        {
            await audit.RecordAsAsync(name.Length > 64 ? name[..64] : name, null, "", "login.failed", "user", null, "unknown-or-inactive");
            return new LoginResult(LoginOutcome.Invalid, null);
        }
        if (user.LockedUntil is { } until && until > now)
        {
            await audit.RecordAsAsync(user.UserName, user.Id, user.Role, "login.locked", "user", user.Id.ToString());
            return new LoginResult(LoginOutcome.LockedOut, null, until);
        }
        var ok = !string.IsNullOrEmpty(password) &&
                 Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (!ok)
        {
            var o = options.Value;
            // atomic in the database, so concurrent failures are all counted (no lost update, no 409)
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1)
                .SetProperty(u => u.Version, u => u.Version + 1), ct);
            var lockedUntil = now.AddMinutes(o.LockoutMinutes);
            var locked = await db.Users.Where(u => u.Id == user.Id && u.FailedLoginCount >= o.MaxFailedAttempts)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.LockedUntil, lockedUntil)
                    .SetProperty(u => u.FailedLoginCount, 0)
                    .SetProperty(u => u.Version, u => u.Version + 1), ct) > 0;
            await audit.RecordAsAsync(user.UserName, user.Id, user.Role, locked ? "login.lockout" : "login.failed", "user", user.Id.ToString());
            return locked ? new LoginResult(LoginOutcome.LockedOut, null, lockedUntil) : new LoginResult(LoginOutcome.Invalid, null);
        }
        if (user.FailedLoginCount != 0 || user.LockedUntil is not null)
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.FailedLoginCount, 0)
                .SetProperty(u => u.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(u => u.Version, u => u.Version + 1), ct);
        }
        await audit.RecordAsAsync(user.UserName, user.Id, user.Role, "login", "user", user.Id.ToString());
        return new LoginResult(LoginOutcome.Success, user);
    }

    public static ClaimsPrincipal Principal(User u, string scheme) =>
        new(new ClaimsIdentity(CurrentUser.ClaimsFor(u.Id, u.UserName, u.Role, u.OrganizationId, u.RegionCode, u.Bureau), scheme));

    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueTokenAsync(User user, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        var expires = now.AddMinutes(options.Value.TokenLifetimeMinutes);
        db.ApiTokens.Add(new ApiToken { TokenHash = TokenHash(token), UserId = user.Id, CreatedAt = now, ExpiresAt = expires });
        await db.ApiTokens.Where(t => t.UserId == user.Id && t.ExpiresAt < now).ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct);
        return (token, expires);
    }

    public static string TokenHash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
