using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Claims;

/// <summary>待遇期: an elder's coverage periods (payer class and dates), oldest first; a read of a person's record, audited.</summary>
public sealed class ListCoveragePeriods(YiyangDb db, AuditTrail audit, ClaimAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/coverage-periods", async Task<Ok<IReadOnlyList<CoverageDto>>> ([FromQuery] long? elderId, ListCoveragePeriods handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(elderId, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("老人的待遇期（支付方类别与起止日期，含结束日；无结束日为长期）");

    public async Task<IReadOnlyList<CoverageDto>> HandleAsync(long? elderId, CancellationToken ct)
    {
        if (elderId is null) throw ValidationFailedException.For("elderId", "请指定老年人。");
        var elder = await access.ElderAsync(elderId, ct);
        var list = await db.Set<CoveragePeriod>().AsNoTracking().Where(p => p.ElderId == elder.Id).OrderBy(p => p.StartOn).ThenBy(p => p.Id).ToListAsync(ct);
        await audit.RecordAsync("claims.coverage.read", "elder", elder.Id.ToString(), elder.Id);
        return list.Select(ClaimMapping.ToDto).ToList();
    }
}
