namespace Yiyang.Modules.Accounts;

/// <summary>
/// 重置动态口令 (security admin, for a user who lost their phone and recovery codes): the secret and the recovery codes are
/// deleted and every session ends; the user enrols again at the next login. Business accounts only: an administrator's
/// second factor is reset at the console (<c>unlock USER --reset-totp</c>), so that the security admin cannot weaken
/// the other administrators' sign-in.
/// </summary>
public sealed class ResetUserTotp(YiyangDb db, SecondFactor secondFactor, AccountSessions sessions, AuditTrail audit, CurrentUser me, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder users) =>
        users.MapPost("/{id:long}/reset-totp", async Task<Ok<UserDto>> (long id, ResetUserTotp handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(403, 404, 409)
            .WithSummary("重置动态口令：删除其密钥和恢复码，该用户下次登录时重新绑定；其全部会话立即失效；仅业务账户");

    public async Task<UserDto> HandleAsync(long id, CancellationToken ct)
    {
        var u = await ManagedUsers.LoadAsync(db, me, id, ct);
        await secondFactor.ResetAsync(u, ct);
        await sessions.EndAll(u, ct);
        u.Version++;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("user.totp.reset", "user", u.Id.ToString());
        return AccountsApi.ToDto(u, clock.GetUtcNow());
    }
}
