using System.Globalization;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>查看照护计划: one plan of an elder in scope (audited).</summary>
public sealed class GetCarePlan(CarePlanAccess access, CarePlanMapping mapping, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}", async Task<Ok<CarePlanDto>> (long id, GetCarePlan handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<CarePlanDto> HandleAsync(long id, CancellationToken ct, bool audited = true)
    {
        var plan = await access.Scoped().AsNoTracking().Include(p => p.Items).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw CarePlanAccess.NoPlan();
        var dto = (await mapping.ToDtosAsync([plan], ct))[0];
        if (audited)
            await audit.RecordAsync("assessments.care-plan.view", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), plan.ElderId, wait: false);
        return dto;
    }
}
