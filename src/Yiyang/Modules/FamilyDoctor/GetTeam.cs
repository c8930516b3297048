namespace Yiyang.Modules.FamilyDoctor;

/// <summary>One family-doctor team with its members (teams are not personal data: every reader sees them).</summary>
public sealed class GetTeam(YiyangDb db, FamilyDoctorAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/teams/{id:long}", async Task<Ok<TeamDto>> (long id, GetTeam handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<TeamDto> HandleAsync(long id, CancellationToken ct)
    {
        var t = await db.Set<FamilyDoctorTeam>().AsNoTracking().Include(x => x.Members).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该团队。");
        return FamilyDoctorMapping.ToDto(t, await access.OrganizationNameAsync(t.OrganizationId, ct));
    }
}
