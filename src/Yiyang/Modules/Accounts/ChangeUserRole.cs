namespace Yiyang.Modules.Accounts;

public sealed record ChangeRoleRequest(string? Role, string? Bureau, string? RegionCode, long? OrganizationId);

/// <summary>
/// 变更角色 (security admin): a business account gets another business role with the scope that role needs (bureau,
/// region, organization). Every session and token of the user ends at once, so the old role's rights go with them.
/// </summary>
public sealed class ChangeUserRole(YiyangDb db, RegionCatalog regions, AccountSessions sessions, AuditTrail audit, CurrentUser me, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder users) =>
        users.MapPost("/{id:long}/role", async Task<Ok<UserDto>> (long id, ChangeRoleRequest req, ChangeUserRole handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, req, ct)))
            .ProducesProblems(400, 403, 404, 409)
            .WithSummary("变更角色及其范围（部门、区划、机构）：仅业务账户；该用户的全部会话和访问令牌立即失效");

    public async Task<UserDto> HandleAsync(long id, ChangeRoleRequest req, CancellationToken ct)
    {
        var u = await ManagedUsers.LoadAsync(db, me, id, ct);
        var role = (req.Role ?? "").Trim();
        var errors = new FieldErrors();
        UserAdmin.CheckRoleAndScope(errors, regions, role, req.Bureau, req.RegionCode, req.OrganizationId, onConsole: false);
        errors.ThrowIfAny();
        if (Roles.InstitutionStaff.Contains(role)) await UserAdmin.CheckOrganizationAsync(db, req.OrganizationId, ct);

        var from = u.Role;
        u.Role = role;
        u.Bureau = Roles.BureauBound.Contains(role) ? req.Bureau : null;
        u.RegionCode = Roles.RegionBound.Contains(role) ? req.RegionCode : null;
        u.OrganizationId = Roles.InstitutionStaff.Contains(role) ? req.OrganizationId : null;
        u.Version++;
        await sessions.EndAll(u, ct);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("user.role", "user", u.Id.ToString(), detail: $"from={from};to={role}");
        return AccountsApi.ToDto(u, clock.GetUtcNow());
    }
}
