using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Supervision;

/// <summary>抽查计划一览: the plans the regulator sees (their bureau's, in their region), newest first, by year.</summary>
public sealed class ListPlans(PlanAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/plans", async Task<Ok<IReadOnlyList<PlanDto>>> ([FromQuery] int? year, ListPlans handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(year, ct)))
            .ProducesProblems(403)
            .WithSummary("本部门本辖区的抽查计划（可按年度筛选），含抽取记录");

    public async Task<IReadOnlyList<PlanDto>> HandleAsync(int? year, CancellationToken ct)
    {
        var q = access.Scoped().AsNoTracking();
        if (year is { } y) q = q.Where(p => p.Year == y);
        var plans = await q.OrderByDescending(p => p.Id).Take(200).ToListAsync(ct);
        var list = new List<PlanDto>(plans.Count);
        foreach (var p in plans) list.Add(await access.ToDtoAsync(p, ct));
        return list;
    }
}
