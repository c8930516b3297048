namespace Yiyang.Modules.FamilyDoctor;

/// <summary>建立家庭医生团队: a named team of the organization with its members and their roles.</summary>
public sealed class CreateTeam(YiyangDb db, FamilyDoctorAccess access, GetTeam getTeam, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/teams", async Task<Created<TeamDto>> (TeamInput input, CreateTeam handler, CancellationToken ct) =>
            {
                var team = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/family-doctor/teams/{team.Id}", team);
            })
            .RequireAuthorization(FamilyDoctorPolicies.Write).ProducesProblems(400, 403)
            .WithSummary("建立家庭医生团队（成员及其角色）");

    public async Task<TeamDto> HandleAsync(TeamInput input, CancellationToken ct)
    {
        access.DemandWriter();
        var (name, members) = TeamForm.Validate(input);
        var org = await access.ResolveOrganizationAsync(input.OrganizationId, ct);
        if (await db.Set<FamilyDoctorTeam>().AnyAsync(t => t.OrganizationId == org.Id && t.Name == name, ct))
            throw ValidationFailedException.For("name", "本机构已有同名团队。");

        var now = clock.GetUtcNow();
        var team = new FamilyDoctorTeam
        {
            Name = name,
            OrganizationId = org.Id,
            TownshipCode = org.TownshipCode,
            CountyCode = org.CountyCode,
            CreatedAt = now,
            UpdatedAt = now,
            Members = members.Select(m => TeamForm.ToEntity(m, org.CountyCode)).ToList(),
        };
        db.Add(team);
        await access.SaveUniqueNameAsync("本机构已有同名团队。", ct);
        await audit.RecordAsync("familydoctor.team.create", "familydoctor-team", team.Id.ToString(), null);
        return await getTeam.HandleAsync(team.Id, ct);
    }
}
