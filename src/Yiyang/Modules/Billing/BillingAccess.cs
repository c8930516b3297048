using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Billing;

/// <summary>
/// Who works on which institution's books (docs/domain/home-visits-and-billing.md#price-catalog): institution staff on
/// their own organization; regulators read their region; the city operator all.
/// </summary>
public sealed class BillingAccess(YiyangDb db, CurrentUser user)
{
    /// <summary>Institution staff act for their own organization.</summary>
    public bool IsStaff => Roles.InstitutionStaff.Contains(user.Role);

    public long? OwnOrganizationId => user.OrganizationId;

    public void DemandWriter() => user.Demand(BillingPolicies.Write);

    /// <summary>The organization a catalog request is about: staff their own; others must name a medical or integrated one.</summary>
    public async Task<Organization> OrganizationAsync(long? requested, CancellationToken ct)
    {
        long id;
        if (IsStaff)
        {
            if (user.OrganizationId is not { } own) throw new ForbiddenException("您的账号未关联机构。");
            if (requested is { } r && r != own) throw new NotFoundException("未找到该机构。");
            id = own;
        }
        else id = requested ?? throw ValidationFailedException.For("organizationId", "请选择医疗卫生机构。");
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct)
                  ?? throw ValidationFailedException.For("organizationId", "机构不存在。");
        if (user.IsInRole(Roles.Regulator) && !user.Covers(org.TownshipCode)) throw new NotFoundException("未找到该机构。");
        if (org.Kind == OrganizationKind.ElderlyCare)
            throw ValidationFailedException.For("organizationId", "收费目录和上门服务费只属于医疗卫生机构或医养结合机构。");
        return org;
    }

    /// <summary>Charge lines the user may see: of elders in their scope, and for institution staff of their own institution.</summary>
    public IQueryable<BillingCharge> ScopedCharges()
    {
        var q = db.ScopedByElder<BillingCharge>(user).AsNoTracking();
        if (IsStaff)
        {
            var own = user.OrganizationId ?? -1;
            q = q.Where(c => c.OrganizationId == own);
        }
        return q;
    }

    /// <summary>Organizations the user may pick on the statement and price pages (staff: their own).</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> OrganizationChoicesAsync(CancellationToken ct)
    {
        var q = db.Organizations.AsNoTracking().Where(o => o.Kind != OrganizationKind.ElderlyCare);
        if (IsStaff) q = q.Where(o => o.Id == (user.OrganizationId ?? -1));
        else if (user.IsInRole(Roles.Regulator)) q = q.InRegionOf(user, o => o.TownshipCode);
        var rows = await q.OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).Take(500).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }
}
