using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>Teams are not personal data: every reader sees them; staff by default their own organization's.</summary>
public sealed class ListTeams(YiyangDb db, FamilyDoctorAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/teams", async Task<Ok<IReadOnlyList<TeamDto>>> ([FromQuery] long? organizationId, ListTeams handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(organizationId, ct)))
            .WithSummary("家庭医生团队（机构人员默认只看本机构）");

    public async Task<IReadOnlyList<TeamDto>> HandleAsync(long? organizationId, CancellationToken ct)
    {
        var q = db.Set<FamilyDoctorTeam>().AsNoTracking().Include(x => x.Members).AsQueryable();
        if (access.ListOrganization(organizationId) is { } o) q = q.Where(t => t.OrganizationId == o);
        var teams = await q.OrderBy(t => t.OrganizationId).ThenBy(t => t.Name).Take(500).ToListAsync(ct);
        var names = await access.OrganizationNamesAsync(teams.Select(t => t.OrganizationId), ct);
        return teams.Select(t => FamilyDoctorMapping.ToDto(t, names.GetValueOrDefault(t.OrganizationId))).ToList();
    }
}
