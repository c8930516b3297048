namespace Yiyang.Modules.FamilyDoctor;

/// <summary>建立签约服务包: service items with their frequencies and the annual fee split between payers.</summary>
public sealed class CreatePackage(YiyangDb db, FamilyDoctorAccess access, GetPackage getPackage, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/packages", async Task<Created<PackageDto>> (PackageInput input, CreatePackage handler, CancellationToken ct) =>
            {
                var p = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/family-doctor/packages/{p.Id}", p);
            })
            .RequireAuthorization(FamilyDoctorPolicies.Write).ProducesProblems(400, 403)
            .WithSummary("建立签约服务包：服务项目（编码、名称、每周期次数）与年服务费（元/年）及支付方分担");

    public async Task<PackageDto> HandleAsync(PackageInput input, CancellationToken ct)
    {
        access.DemandWriter();
        var v = PackageForm.Validate(input);
        var org = await access.ResolveOrganizationAsync(input.OrganizationId, ct);
        var now = clock.GetUtcNow();
        var p = new FamilyDoctorPackage
        {
            Name = v.Name,
            OrganizationId = org.Id,
            TownshipCode = org.TownshipCode,
            CountyCode = org.CountyCode,
            CreatedAt = now,
            UpdatedAt = now,
        };
        PackageForm.Apply(p, v);
        db.Add(p);
        await access.SaveUniqueNameAsync("本机构已有同名服务包。", ct);
        await audit.RecordAsync("familydoctor.package.create", "familydoctor-package", p.Id.ToString(), null);
        return await getPackage.HandleAsync(p.Id, ct);
    }
}
