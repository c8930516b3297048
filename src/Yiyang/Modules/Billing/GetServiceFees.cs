using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Billing;

/// <summary>上门服务费 of one institution: its distance bands and who pays the fee.</summary>
public sealed class GetServiceFees(YiyangDb db, BillingAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/service-fees", async Task<Ok<ServiceFeeDto>> ([FromQuery] long? organizationId, GetServiceFees handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(organizationId, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("上门服务费：距离档（公里，起点含、终点不含；最后一档可无终点）、每档费用（元/次）与支付方设置");

    public async Task<ServiceFeeDto> HandleAsync(long? organizationId, CancellationToken ct)
    {
        var org = await access.OrganizationAsync(organizationId, ct);
        return await ForOrganizationAsync(org.Id, ct);
    }

    /// <summary>The settings of an institution the caller has already resolved.</summary>
    public async Task<ServiceFeeDto> ForOrganizationAsync(long orgId, CancellationToken ct)
    {
        var setting = await db.Set<BillingServiceFeeSetting>().AsNoTracking().FirstOrDefaultAsync(s => s.OrganizationId == orgId, ct);
        var bands = (await db.Set<BillingServiceFeeBand>().AsNoTracking().Where(b => b.OrganizationId == orgId).ToListAsync(ct))
            .OrderBy(b => b.FromKm).Select(b => new FeeBand(b.FromKm, b.ToKm, b.FeeYuan)).ToList();
        var payer = setting?.Payer ?? Payers.Elder;
        return new ServiceFeeDto(orgId, payer, Payers.Name(payer), bands.Select(b => new FeeBandDto(b.FromKm, b.ToKm, b.Fee, b.Label)).ToList(),
            "元/次", setting?.Version);
    }
}
