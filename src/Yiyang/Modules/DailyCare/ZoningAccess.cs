using Yiyang.Modules.Institutions;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.DailyCare;

/// <summary>
/// Infection-control zoning (感染防控分区) of a care institution: who sees it (the institution's staff, the regulators of
/// its region, the city operator) and edits it (the institution admin, the city operator), and the zoning as read,
/// with the warnings (a medical-use bed in a 生活照护区 room).
/// </summary>
public sealed class ZoningAccess(YiyangDb db, CurrentUser user)
{
    private static NotFoundException NoInstitution() => new("未找到该养老机构，或您无权查看。");

    public async Task<Organization> InstitutionAsync(long orgId, bool write, CancellationToken ct)
    {
        if (write && !user.Can(DailyCarePolicies.Zoning)) throw new ForbiddenException();
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, ct) ?? throw NoInstitution();
        var allowed = user.Role switch
        {
            Roles.CityOperator => true,
            Roles.Regulator => !write && user.Covers(org.TownshipCode),
            _ => Roles.InstitutionStaff.Contains(user.Role) && user.OrganizationId == orgId,
        };
        if (!allowed || org.Kind is not (OrganizationKind.ElderlyCare or OrganizationKind.Integrated)) throw NoInstitution();
        return org;
    }

    public async Task<ZoningDto> ReadAsync(long orgId, CancellationToken ct)
    {
        var zoning = await db.Set<InstitutionZoning>().AsNoTracking().FirstOrDefaultAsync(z => z.OrganizationId == orgId, ct);
        var areas = await db.Set<ZoneArea>().AsNoTracking().Where(a => a.OrganizationId == orgId).OrderBy(a => a.LineNo).ToListAsync(ct);
        var assigned = await db.Set<ZoneRoom>().AsNoTracking().Where(r => r.OrganizationId == orgId).ToListAsync(ct);
        var beds = await db.Set<InstitutionBed>().AsNoTracking().Where(b => b.OrganizationId == orgId).ToListAsync(ct);
        var warnings = new List<string>();
        if (zoning is null) warnings.Add("尚未登记感染防控分区。");
        else if (!zoning.Separated) warnings.Add("生活照护区与医疗区尚未分区（医养分区）。");
        var rooms = beds.GroupBy(b => (b.Ward, b.Room)).OrderBy(g => g.Key.Ward).ThenBy(g => g.Key.Room).Select(g =>
        {
            var a = assigned.FirstOrDefault(r => r.Ward == g.Key.Ward && r.Room == g.Key.Room) is { } r ? areas.FirstOrDefault(x => x.Id == r.AreaId) : null;
            var medical = g.Count(b => (b.UseKind ?? b.Kind) == BedKind.Medical);
            if (a is not null && g.Any(b => ZoningRules.MedicalBedInCareArea(b.Kind, b.UseKind, a.Kind)))
                warnings.Add($"{g.Key.Ward} {g.Key.Room}：{medical} 张医疗用途床位位于生活照护区（{a.Name}）。");
            return new RoomDto(g.Key.Ward, g.Key.Room, a?.Name, a is null ? null : ZoningRules.KindCode(a.Kind), g.Count(), medical);
        }).ToList();
        return new ZoningDto(orgId, zoning?.Separated ?? false, zoning?.Note, zoning?.Version ?? 0,
            areas.Select(a => new AreaDto(a.Id, a.Name, ZoningRules.KindCode(a.Kind), ZoningRules.KindName(a.Kind), a.Building, a.Floor, a.Note)).ToList(),
            rooms, warnings, !user.Can(DailyCarePolicies.Zoning));
    }
}
