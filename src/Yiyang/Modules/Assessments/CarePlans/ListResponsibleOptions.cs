using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// 责任方选项 (the plan page): the organizations and teams a plan item can name — the elder's family-doctor team, the
/// elder's responsible organization, the user's.
/// </summary>
public sealed class ListResponsibleOptions(YiyangDb db, CurrentUser user, CareLevels levels, CarePlanAccess access)
{
    public async Task<IReadOnlyList<ResponsibleOption>> HandleAsync(long elderId, CancellationToken ct)
    {
        var elder = await levels.ScopedElderAsync(elderId, ct);
        var options = new List<ResponsibleOption>();
        if (await access.TeamOfAsync(elder.Id, ct) is { } teamId)
        {
            var team = await db.Set<FamilyDoctorTeam>().AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstAsync(ct);
            options.Add(new(Responsible.Team, teamId, "家庭医生团队：" + team));
        }
        var orgIds = new[] { elder.ResponsibleOrganizationId, user.OrganizationId }.OfType<long>().Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        options.AddRange(orgs.Select(o => new ResponsibleOption(Responsible.Organization, o.Id, o.Name)));
        return options;
    }
}
