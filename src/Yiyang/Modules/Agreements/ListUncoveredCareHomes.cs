using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Agreements;

public sealed record UncoveredDto(long Id, string Name, string TownshipCode, int TotalBeds);

/// <summary>
/// 未覆盖的养老机构: care homes (养老机构; 医养结合机构 hold a medical licence of their own) with no medical room and no
/// agreement in force, in a region (regulators: within their own region).
/// </summary>
public sealed class ListUncoveredCareHomes(YiyangDb db, CurrentUser user, AuditTrail audit, AgreementAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/uncovered", async Task<Ok<IReadOnlyList<UncoveredDto>>> ([FromQuery] string? regionCode, ListUncoveredCareHomes handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(regionCode, ct)))
            .RequireAuthorization(AgreementPolicies.Oversight)
            .WithSummary("既无生效签约协议、又无医务室的养老机构（监管人员：本辖区内）");

    public async Task<IReadOnlyList<UncoveredDto>> HandleAsync(string? regionCode, CancellationToken ct)
    {
        var region = string.IsNullOrWhiteSpace(regionCode) ? null : regionCode.Trim();
        if (user.Can(AgreementPolicies.Region))
        {
            var own = user.RegionCode ?? "\u0000";
            if (region is null || !region.StartsWith(own, StringComparison.Ordinal)) region = own;
        }
        var today = access.Today;
        var q = db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.ElderlyCare && !o.HasMedicalRoom
            && !db.Set<Agreement>().Any(a => a.CareOrganizationId == o.Id && a.Status == AgreementStatus.Effective && a.StartOn <= today && a.EndOn >= today));
        if (region is not null) q = q.Where(o => o.TownshipCode.StartsWith(region));
        var rows = await q.OrderBy(o => o.TownshipCode).ThenBy(o => o.Id).ToListAsync(ct);
        await audit.RecordAsync("agreements.uncovered", "organization", null, null, region, wait: false);
        return rows.Select(o => new UncoveredDto(o.Id, o.Name, o.TownshipCode, o.TotalBeds)).ToList();
    }
}
