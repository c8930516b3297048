using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>一位老年人的照护计划: an elder's plans, newest first.</summary>
public sealed class ListCarePlans(YiyangDb db, CareLevels levels, CarePlanMapping mapping, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<IReadOnlyList<CarePlanDto>>> ([FromQuery] long? elderId, ListCarePlans handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(elderId, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("一位老年人的照护计划（最新在前）");

    public async Task<IReadOnlyList<CarePlanDto>> HandleAsync(long? elderId, CancellationToken ct)
    {
        var elder = await levels.ScopedElderAsync(elderId, ct);
        var plans = await db.Set<CarePlan>().AsNoTracking().Include(p => p.Items).Where(p => p.ElderId == elder.Id)
            .OrderByDescending(p => p.Id).Take(200).ToListAsync(ct);
        await audit.RecordAsync("assessments.care-plan.list", "elder", elder.Id.ToString(CultureInfo.InvariantCulture), elder.Id, wait: false);
        return await mapping.ToDtosAsync(plans, ct);
    }
}
