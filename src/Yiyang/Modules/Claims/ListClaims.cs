using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Claims;

/// <summary>结算单列表: an institution admin's own institution, a regulator's region, the city operator all; newest month first.</summary>
public sealed class ListClaims(YiyangDb db, CurrentUser user)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<IReadOnlyList<ClaimSummaryDto>>> ([FromQuery] long? organizationId, ListClaims handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(organizationId, ct)))
            .WithSummary("结算单列表（机构管理员：本机构；监管人员：本辖区）");

    public async Task<IReadOnlyList<ClaimSummaryDto>> HandleAsync(long? orgId, CancellationToken ct)
    {
        var q = from c in db.Set<Claim>().AsNoTracking()
                join o in db.Organizations.AsNoTracking() on c.OrganizationId equals o.Id
                select new { c, o.Name, o.TownshipCode };
        if (orgId is not null) q = q.Where(x => x.c.OrganizationId == orgId);
        q = user.Role switch
        {
            Roles.CityOperator => q,
            Roles.InstitutionAdmin => q.Where(x => x.c.OrganizationId == user.OrganizationId),
            Roles.Regulator => q.InRegionOf(user, x => x.TownshipCode),
            _ => q.Where(x => false),
        };
        var rows = await q.OrderByDescending(x => x.c.Month).ThenBy(x => x.c.Id).Take(200).ToListAsync(ct);
        return rows.Select(x => new ClaimSummaryDto(x.c.Id, x.c.OrganizationId, x.Name, CoverageRules.Code(x.c.PayerClass), CoverageRules.Name(x.c.PayerClass),
            x.c.Month, ClaimRules.StatusCode(x.c.Status), ClaimRules.StatusName(x.c.Status), x.c.BedDays, x.c.Amount)).ToList();
    }
}
