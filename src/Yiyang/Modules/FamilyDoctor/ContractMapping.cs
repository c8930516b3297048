namespace Yiyang.Modules.FamilyDoctor;

/// <summary>Contracts as the API shows them: with the names of their elder, team, package, organization and township.</summary>
public sealed class ContractMapping(YiyangDb db, FamilyDoctorAccess access, RegionCatalog regions, TimeProvider clock)
{
    public async Task<List<ContractDto>> ToDtosAsync(List<FamilyDoctorContract> rows, CancellationToken ct)
    {
        var elderIds = rows.Select(r => r.ElderId).Distinct().ToList();
        var teamIds = rows.Select(r => r.TeamId).Distinct().ToList();
        var packageIds = rows.Select(r => r.PackageId).Distinct().ToList();
        var ids = rows.Select(r => r.Id).ToList();
        var elders = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var teams = await db.Set<FamilyDoctorTeam>().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var packages = await db.Set<FamilyDoctorPackage>().AsNoTracking().Where(p => packageIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var orgs = await access.OrganizationNamesAsync(rows.Select(r => r.OrganizationId), ct);
        var successors = await db.Set<FamilyDoctorContract>().AsNoTracking()
            .Where(c => c.PreviousContractId != null && ids.Contains(c.PreviousContractId.Value))
            .Select(c => new { c.Id, Previous = c.PreviousContractId!.Value }).ToListAsync(ct);
        var today = clock.ChinaToday();
        return rows.Select(c =>
        {
            var s = ContractRules.StatusOn(c.Status, c.EndDate, today);
            return new ContractDto(c.Id, c.ElderId, elders.GetValueOrDefault(c.ElderId) ?? "", c.TeamId, teams.GetValueOrDefault(c.TeamId) ?? "",
                c.PackageId, packages.GetValueOrDefault(c.PackageId) ?? "", c.OrganizationId, orgs.GetValueOrDefault(c.OrganizationId),
                c.TownshipCode, regions.Find(c.TownshipCode)?.Name ?? c.TownshipCode, c.StartDate, c.EndDate,
                ContractRules.StatusCode(s), ContractRules.StatusName(s), c.SignedBy == SignedBy.Proxy ? "proxy" : "self",
                c.SignedBy == SignedBy.Proxy ? "家属代签" : "本人签约", c.ProxyName, c.ProxyRelation, c.AnnualFeeYuan, c.ElderPaysYuan,
                FamilyDoctorMapping.FeeUnit, c.PreviousContractId, successors.FirstOrDefault(x => x.Previous == c.Id)?.Id, c.TerminatedOn,
                c.TerminationReason, c.SignedByUser, c.CreatedAt, c.Version);
        }).ToList();
    }
}
