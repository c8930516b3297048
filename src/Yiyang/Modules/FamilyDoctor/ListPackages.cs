using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.FamilyDoctor;

/// <summary>Service packages; staff by default their own organization's.</summary>
public sealed class ListPackages(YiyangDb db, FamilyDoctorAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/packages", async Task<Ok<IReadOnlyList<PackageDto>>> ([FromQuery] long? organizationId, ListPackages handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(organizationId, ct)));

    public async Task<IReadOnlyList<PackageDto>> HandleAsync(long? organizationId, CancellationToken ct)
    {
        var q = db.Set<FamilyDoctorPackage>().AsNoTracking().Include(x => x.Items).AsQueryable();
        if (access.ListOrganization(organizationId) is { } o) q = q.Where(p => p.OrganizationId == o);
        var list = await q.OrderBy(p => p.OrganizationId).ThenBy(p => p.Name).Take(500).ToListAsync(ct);
        var names = await access.OrganizationNamesAsync(list.Select(p => p.OrganizationId), ct);
        return list.Select(p => FamilyDoctorMapping.ToDto(p, names.GetValueOrDefault(p.OrganizationId))).ToList();
    }
}
