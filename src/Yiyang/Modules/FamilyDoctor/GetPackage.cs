namespace Yiyang.Modules.FamilyDoctor;

/// <summary>One service package with its items.</summary>
public sealed class GetPackage(YiyangDb db, FamilyDoctorAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/packages/{id:long}", async Task<Ok<PackageDto>> (long id, GetPackage handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<PackageDto> HandleAsync(long id, CancellationToken ct)
    {
        var p = await db.Set<FamilyDoctorPackage>().AsNoTracking().Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该服务包。");
        return FamilyDoctorMapping.ToDto(p, await access.OrganizationNameAsync(p.OrganizationId, ct));
    }
}
