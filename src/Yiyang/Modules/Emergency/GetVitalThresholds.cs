using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Emergency;

/// <summary>体征预警阈值: the thresholds applied to an elder's readings (their own, or the defaults).</summary>
public sealed class GetVitalThresholds(YiyangDb db, EmergencyAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/vital-thresholds/{elderId:long}", async Task<Ok<ThresholdsDto>> (long elderId, GetVitalThresholds handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(elderId, ct)))
            .ProducesProblems(403, 404)
            .WithSummary("老年人的体征预警阈值（未单独设置时为默认值，custom=false）");

    public async Task<ThresholdsDto> HandleAsync(long elderId, CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.ReadIncidents);
        if (!await ElderScope.Apply(db.Elders, access.User).AnyAsync(e => e.Id == elderId, ct)) throw new NotFoundException("未找到该老年人，或您无权查看。");
        return ThresholdsDto.From(elderId, await db.Set<EmergencyThreshold>().AsNoTracking().FirstOrDefaultAsync(t => t.ElderId == elderId, ct));
    }
}
