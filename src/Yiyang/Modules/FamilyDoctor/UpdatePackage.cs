namespace Yiyang.Modules.FamilyDoctor;

/// <summary>
/// Replaces a package's name, fee, items and active flag (optimistic concurrency on version). Signed contracts keep the
/// fee they were signed with.
/// </summary>
public sealed class UpdatePackage(YiyangDb db, FamilyDoctorAccess access, GetPackage getPackage, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/packages/{id:long}", async Task<Ok<PackageDto>> (long id, PackageInput input, IfMatch ifMatch, UpdatePackage handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(FamilyDoctorPolicies.Write)
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("修改服务包（项目、年服务费、停用；需 version 或 If-Match）；已签约的合同保留签约时的费用");

    public async Task<PackageDto> HandleAsync(long id, PackageInput input, int? ifMatchVersion, CancellationToken ct)
    {
        access.DemandWriter();
        var p = await db.Set<FamilyDoctorPackage>().Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == id, ct)
                ?? throw new NotFoundException("未找到该服务包。");
        if (access.OutOfReach(p.OrganizationId)) throw new NotFoundException("未找到该服务包。");
        Etags.CheckVersion(p.Version, ifMatchVersion, input.Version);
        PackageForm.Apply(p, PackageForm.Validate(input));
        p.UpdatedAt = clock.GetUtcNow();
        p.Version++;
        await access.SaveUniqueNameAsync("本机构已有同名服务包。", ct);
        await audit.RecordAsync("familydoctor.package.update", "familydoctor-package", p.Id.ToString(), null);
        return await getPackage.HandleAsync(p.Id, ct);
    }
}
