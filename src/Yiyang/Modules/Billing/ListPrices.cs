using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Billing;

/// <summary>医疗服务价格目录 of one institution (staff: their own).</summary>
public sealed class ListPrices(YiyangDb db, BillingAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/prices", async Task<Ok<IReadOnlyList<PriceItemDto>>> (
                [FromQuery] long? organizationId, [FromQuery] bool? activeOnly, ListPrices handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(organizationId, activeOnly ?? false, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("医疗服务价格目录（按机构；机构人员默认本机构）；价格单位：元/计价单位");

    public async Task<IReadOnlyList<PriceItemDto>> HandleAsync(long? organizationId, bool activeOnly, CancellationToken ct)
    {
        var org = await access.OrganizationAsync(organizationId, ct);
        var q = db.Set<BillingPriceItem>().AsNoTracking().Where(p => p.OrganizationId == org.Id);
        if (activeOnly) q = q.Where(p => p.Active);
        return (await q.OrderBy(p => p.Code).Take(2000).ToListAsync(ct)).Select(PriceForm.ToDto).ToList();
    }
}
