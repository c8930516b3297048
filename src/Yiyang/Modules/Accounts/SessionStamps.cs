using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Accounts;

/// <summary>
/// The current session stamp of each user (<see cref="User.SessionStamp"/>), read from the database and trusted for
/// <see cref="AccountOptions.SessionCheckSeconds"/> (5 s). Every cookie and bearer request compares its stamp with it, so
/// ending a user's sessions (<see cref="AccountSessions.EndAll"/>) takes effect at once on the node that did it (its entry
/// is evicted) and within those seconds on every other node. A disabled user has no stamp: nothing matches.
/// </summary>
public sealed class SessionStamps(IOptions<AccountOptions> options, TimeProvider clock)
{
    public const string Claim = "yy:stamp";
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<long, (string? Stamp, DateTimeOffset Until)> _entries = new();

    public static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The user's stamp now, or null when the account is disabled or gone.</summary>
    public async ValueTask<string?> CurrentAsync(YiyangDb db, long userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(userId, out var e) && e.Until > now) return e.Stamp;
        var stamp = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive).Select(u => u.SessionStamp).FirstOrDefaultAsync(ct);
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[userId] = (stamp, now.AddSeconds(Math.Max(0, options.Value.SessionCheckSeconds)));
        return stamp;
    }

    public void Evict(long userId) => _entries.TryRemove(userId, out _);

    /// <summary>
    /// The cookie scheme's per-request check (wired in PlatformSetup): a cookie without a stamp, or with one that is no longer
    /// the user's, is rejected and deleted — the browser is sent to the login page.
    /// </summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext ctx)
    {
        var principal = ctx.Principal;
        var stamp = principal?.FindFirstValue(Claim);
        var ok = false;
        if (stamp is not null && long.TryParse(principal!.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var services = ctx.HttpContext.RequestServices;
            var current = await services.GetRequiredService<SessionStamps>()
                .CurrentAsync(services.GetRequiredService<YiyangDb>(), userId, ctx.HttpContext.RequestAborted);
            ok = current is not null && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(current), System.Text.Encoding.ASCII.GetBytes(stamp));
        }
        if (ok) return;
        ctx.RejectPrincipal();
        await ctx.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}

/// <summary>Ends a user's sessions: a new session stamp (every cookie), and every bearer token deleted and forgotten.</summary>
public sealed class AccountSessions(YiyangDb db, SessionStamps stamps, BearerTokenCache tokens, IHttpContextAccessor http)
{
    /// <summary>
    /// Gives the tracked <paramref name="user"/> a new stamp (saved by the caller's SaveChanges) and deletes their tokens now.
    /// The caches of this node are cleared now and again once the response is sent (after the request's commit), so that
    /// no request in between can cache the old stamp; other nodes follow within <see cref="AccountOptions.SessionCheckSeconds"/>.
    /// </summary>
    public async Task EndAll(User user, CancellationToken ct)
    {
        user.SessionStamp = SessionStamps.NewStamp();
        await db.ApiTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(ct);
        Forget(user.Id);
    }

    /// <summary>Revokes one bearer token (API logout): deleted, and forgotten by this node (other nodes: within 30 s).</summary>
    public async Task RevokeToken(string tokenHash, CancellationToken ct)
    {
        await db.ApiTokens.Where(t => t.TokenHash == tokenHash).ExecuteDeleteAsync(ct);
        tokens.Evict(tokenHash);
        http.HttpContext?.Response.OnCompleted(() =>
        {
            tokens.Evict(tokenHash);
            return Task.CompletedTask;
        });
    }

    /// <summary>Makes this node read the user's stamp and state afresh (an account was enabled again).</summary>
    public void Forget(long userId)
    {
        stamps.Evict(userId);
        tokens.EvictUser(userId);
        http.HttpContext?.Response.OnCompleted(() =>
        {
            stamps.Evict(userId);
            tokens.EvictUser(userId);
            return Task.CompletedTask;
        });
    }
}
