namespace Yiyang.Modules.FamilyDoctor;

/// <summary>Replaces the name and members of a team (optimistic concurrency on version).</summary>
public sealed class UpdateTeam(YiyangDb db, FamilyDoctorAccess access, GetTeam getTeam, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/teams/{id:long}", async Task<Ok<TeamDto>> (long id, TeamInput input, IfMatch ifMatch, UpdateTeam handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("修改团队名称与成员（需 version 或 If-Match）");

    public async Task<TeamDto> HandleAsync(long id, TeamInput input, int? ifMatchVersion, CancellationToken ct)
    {
        access.DemandWriter();
        var team = await db.Set<FamilyDoctorTeam>().Include(t => t.Members).FirstOrDefaultAsync(t => t.Id == id, ct)
                   ?? throw new NotFoundException("未找到该团队。");
        if (access.OutOfReach(team.OrganizationId)) throw new NotFoundException("未找到该团队。");
        Etags.CheckVersion(team.Version, ifMatchVersion, input.Version);
        var (name, members) = TeamForm.Validate(input);
        team.Name = name;
        team.Members.Clear();
        foreach (var m in members) team.Members.Add(TeamForm.ToEntity(m, team.CountyCode));
        team.UpdatedAt = clock.GetUtcNow();
        team.Version++;
        await access.SaveUniqueNameAsync("本机构已有同名团队。", ct);
        await audit.RecordAsync("familydoctor.team.update", "familydoctor-team", team.Id.ToString(), null);
        return await getTeam.HandleAsync(team.Id, ct);
    }
}
