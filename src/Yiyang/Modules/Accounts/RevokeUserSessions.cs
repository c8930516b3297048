namespace Yiyang.Modules.Accounts;

/// <summary>
/// 强制下线 (security admin, any account): every bearer token of the user is revoked and every login cookie stops working,
/// at once on this node and within <see cref="AccountOptions.SessionCheckSeconds"/> on the others.
/// </summary>
public sealed class RevokeUserSessions(YiyangDb db, AccountSessions sessions, AuditTrail audit, CurrentUser me, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder users) =>
        users.MapPost("/{id:long}/revoke-sessions", async Task<Ok<UserDto>> (long id, RevokeUserSessions handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404)
            .WithSummary("强制下线：吊销该用户的全部访问令牌，并使其全部登录会话立即失效");

    public async Task<UserDto> HandleAsync(long id, CancellationToken ct)
    {
        var u = await ManagedUsers.LoadAsync(db, me, id, ct, administratorsToo: true, self: true);
        await sessions.EndAll(u, ct);
        u.Version++;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("user.sessions.revoke", "user", u.Id.ToString());
        return AccountsApi.ToDto(u, clock.GetUtcNow());
    }
}
