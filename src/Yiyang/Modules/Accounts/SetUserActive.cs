namespace Yiyang.Modules.Accounts;

/// <summary>
/// 停用 / 启用账户 (security admin, business accounts). Disabling ends every session and token of the user at once; a
/// disabled user cannot sign in (the same 401 as a wrong password). Enabling lets them sign in again.
/// </summary>
public sealed class SetUserActive(YiyangDb db, AccountSessions sessions, AuditTrail audit, CurrentUser me, TimeProvider clock)
{
    public static void MapDisable(RouteGroupBuilder users) =>
        users.MapPost("/{id:long}/disable", async Task<Ok<UserDto>> (long id, SetUserActive handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, active: false, ct)))
            .ProducesProblems(403, 404, 409)
            .WithSummary("停用账户：该用户的全部会话和访问令牌立即失效；管理员账户只能在控制台管理");

    public static void MapEnable(RouteGroupBuilder users) =>
        users.MapPost("/{id:long}/enable", async Task<Ok<UserDto>> (long id, SetUserActive handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, active: true, ct)))
            .ProducesProblems(403, 404, 409)
            .WithSummary("启用已停用的账户");

    public async Task<UserDto> HandleAsync(long id, bool active, CancellationToken ct)
    {
        var u = await ManagedUsers.LoadAsync(db, me, id, ct);
        if (u.IsActive != active)
        {
            u.IsActive = active;
            u.Version++;
            if (!active) await sessions.EndAll(u, ct);
            await db.SaveChangesAsync(ct);
            if (active) sessions.Forget(u.Id); // this node trusted "disabled" for a few seconds
            await audit.RecordAsync(active ? "user.enable" : "user.disable", "user", u.Id.ToString());
        }
        return AccountsApi.ToDto(u, clock.GetUtcNow());
    }
}
