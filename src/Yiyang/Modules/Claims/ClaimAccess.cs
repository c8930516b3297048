using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Claims;

/// <summary>
/// Who may see and write claims and coverage periods: an institution's admin its own institution, a regulator the
/// institutions of their region, the city operator all; elders within <see cref="ElderScope"/>.
/// </summary>
public sealed class ClaimAccess(YiyangDb db, CurrentUser user)
{
    public const string Module = "claims";

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    /// <summary>403 unless the user may write claims and coverage periods.</summary>
    public void DemandWriter() => user.Demand(ClaimPolicies.Write);

    /// <summary>The institution (the user's own when none is given) if the user may see it (and write: <paramref name="write"/>); otherwise 404.</summary>
    public async Task<Organization> OrgAsync(long? orgId, bool write, CancellationToken ct)
    {
        if (write) DemandWriter();
        var id = orgId ?? user.OrganizationId ?? throw ValidationFailedException.For("organizationId", "请选择机构。");
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("未找到该机构，或您无权查看。");
        var allowed = user.Role switch
        {
            Roles.CityOperator => true,
            Roles.InstitutionAdmin => user.OrganizationId == id,
            Roles.Regulator => user.Covers(org.TownshipCode),
            _ => false,
        };
        if (!allowed) throw new NotFoundException("未找到该机构，或您无权查看。");
        return org;
    }

    public async Task<Elder> ElderAsync(long? elderId, CancellationToken ct, bool forWrite = false) =>
        await ElderScope.Apply(db.Elders.AsNoTracking(), user, forWrite).FirstOrDefaultAsync(e => e.Id == elderId, ct)
        ?? throw new NotFoundException("未找到该老年人，或您无权查看。");
}
