namespace Yiyang.Modules.FamilyDoctor;

/// <summary>Teams and packages as the API shows them.</summary>
public static class FamilyDoctorMapping
{
    public const string FeeUnit = "元/年";

    public static TeamDto ToDto(FamilyDoctorTeam t, string? orgName) => new(t.Id, t.Name, t.OrganizationId, orgName, t.TownshipCode,
        t.Members.OrderByDescending(m => m.IsLeader).ThenBy(m => m.Id)
            .Select(m => new TeamMemberDto(m.Id, m.Name, m.Role, TeamRoles.Name(m.Role), m.IsLeader, m.UserId)).ToList(), t.Version);

    public static PackageDto ToDto(FamilyDoctorPackage p, string? orgName) => new(p.Id, p.Name, p.OrganizationId, orgName,
        p.AnnualFeeYuan, p.InsuranceFundYuan, p.PublicHealthFundYuan, p.ElderPaysYuan, FeeUnit,
        p.Items.OrderBy(i => i.Id).Select(i => new PackageItemDto(i.ServiceCode, i.ServiceName, i.Quantity, i.Period,
            ServicePeriods.Name(i.Period), ServicePeriods.PerYear(i.Period, i.Quantity), $"{i.Quantity}/{ServicePeriods.Name(i.Period)}")).ToList(),
        p.Active, p.Version);
}
