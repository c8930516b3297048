using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Accounts;

/// <summary>
/// Opaque bearer tokens issued by POST /api/auth/token; looked up by hash in the database (revocable, node-independent),
/// and checked against the user's session stamp on every request (<see cref="SessionStamps"/>), so that a logout, password
/// or role change, disabling or a forced sign-out ends the token at once on this node and within seconds on the others.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, YiyangDb db, TimeProvider clock,
    BearerTokenCache cache, SessionStamps stamps)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    /// <summary>The hash of the token that authenticated the request (in HttpContext.Items).</summary>
    public const string TokenHashItem = "yiyang.token-hash";

    /// <summary>
    /// Secrets of the other bearer schemes carry a <c>yy?_</c> prefix (devices <c>yyd_</c>, telephony gateways <c>yyg_</c>);
    /// user tokens are never issued with one (<see cref="AccountService"/>), so such a secret is not looked up here.
    /// </summary>
    public static bool IsOtherSchemeSecret(string token) => token.Length > 4 && token.StartsWith("yy", StringComparison.Ordinal) && token[3] == '_';

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();
        if (IsOtherSchemeSecret(token)) return AuthenticateResult.NoResult(); // a device's or a gateway's: their schemes decide
        if (token.Length is < 20 or > 200) return AuthenticateResult.Fail("invalid token");
        var hash = AccountService.TokenHash(token);
        var now = clock.GetUtcNow();
        if (cache.Find(hash, now) is not { } user)
        {
            var row = await db.ApiTokens.AsNoTracking()
                .Where(t => t.TokenHash == hash && t.ExpiresAt > now)
                .Join(db.Users.Where(u => u.IsActive), t => t.UserId, u => u.Id, (t, u) => new { u, t.ExpiresAt })
                .FirstOrDefaultAsync(Context.RequestAborted);
            if (row is null) return AuthenticateResult.Fail("invalid or expired token");
            user = row.u;
            cache.Add(hash, user, row.ExpiresAt, now);
        }
        if (await stamps.CurrentAsync(db, user.Id, Context.RequestAborted) != user.SessionStamp)
        {
            cache.Evict(hash);
            return AuthenticateResult.Fail("session ended");
        }
        Context.Items[TokenHashItem] = hash; // for POST /api/auth/logout
        return AuthenticateResult.Success(new AuthenticationTicket(AccountService.Principal(user, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Platform.Web.ProblemWriter.WriteAsync(Context, 401, "请先登录", "需要登录或有效的访问令牌。", "unauthenticated");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        await Platform.Web.ProblemWriter.WriteAsync(Context, 403, "没有权限", "您的角色无权执行此操作。", "forbidden");
    }
}

/// <summary>
/// Valid tokens seen in the last <see cref="Lifetime"/> (30 s) with their user, so a client making many calls costs one
/// token lookup every 30 seconds instead of one per request (the lookup benchmark, bench/README.md). Never beyond the token's own
/// expiry. A revoked token is evicted on the node that revoked it; on another node it works until its entry here expires
/// (at most 30 s) — unless the user's sessions were ended, which the session stamp check catches within seconds
/// (<see cref="SessionStamps"/>). Bounded: cleared when full.
/// </summary>
public sealed class BearerTokenCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxEntries = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (User User, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    public User? Find(string hash, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(hash, out var e)) return null;
        if (e.Until > now) return e.User;
        _entries.TryRemove(hash, out _);
        return null;
    }

    public void Evict(string hash) => _entries.TryRemove(hash, out _);

    /// <summary>Forgets every cached token of a user (their sessions were ended).</summary>
    public void EvictUser(long userId)
    {
        foreach (var (hash, e) in _entries)
            if (e.User.Id == userId) _entries.TryRemove(hash, out _);
    }

    public void Add(string hash, User user, DateTimeOffset tokenExpires, DateTimeOffset now)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        var until = now + Lifetime;
        _entries[hash] = (user, tokenExpires < until ? tokenExpires : until);
    }
}
