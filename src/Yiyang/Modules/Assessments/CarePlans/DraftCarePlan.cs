using System.Globalization;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// 拟定照护计划: a new draft for an elder, with the care level of the latest signed unexpired assessment (or, when all have
/// expired, of the latest one: the plan is flagged). Without items the goals and items are proposed from the care level.
/// </summary>
public sealed class DraftCarePlan(
    YiyangDb db, CurrentUser user, CareLevels levels, CarePlanAccess access, CarePlanDrafting drafting, GetCarePlan get, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/", async Task<Created<CarePlanDto>> (CarePlanInput input, DraftCarePlan handler, CancellationToken ct) =>
            {
                var dto = await handler.HandleAsync(input, ct);
                return TypedResults.Created($"/api/care-plans/{dto.Id}", dto);
            })
            .RequireAuthorization(AssessmentPolicies.CarePlansWrite).ProducesProblems(400, 404, 409)
            .WithSummary("新建照护计划草稿；不提供 items 时按照护等级生成建议的目标与服务项目");

    public async Task<CarePlanDto> HandleAsync(CarePlanInput input, CancellationToken ct)
    {
        user.Demand(AssessmentPolicies.CarePlansWrite);
        var elder = await levels.ScopedElderAsync(input.ElderId, ct, forWrite: true);
        var plan = await drafting.NewDraftAsync(elder, input, null, ct);
        db.Add(plan);
        db.TimelineEvents.Add(access.Event(elder.Id, "assessments.care-plan.drafted", "拟定照护计划（草稿）：" + CarePlanAccess.Summary(plan)));
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync("assessments.care-plan.create", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), elder.Id);
        return await get.HandleAsync(plan.Id, ct, audited: false);
    }
}
