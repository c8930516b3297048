using System.Globalization;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>结束照护计划: ends a confirmed plan on a date (default today; not before its start, not in the future) with a reason.</summary>
public sealed class EndCarePlan(YiyangDb db, CarePlanAccess access, GetCarePlan get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/end", async Task<Ok<CarePlanDto>> (long id, EndPlanInput input, EndCarePlan handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
            .RequireAuthorization(AssessmentPolicies.CarePlansWrite)
            .ProducesProblems(400, 404, 409)
            .WithSummary("结束生效中的照护计划（日期、原因）");

    public async Task<CarePlanDto> HandleAsync(long id, EndPlanInput input, CancellationToken ct)
    {
        var plan = await access.LoadForWriteAsync(id, ct);
        if (plan.Status != CarePlanStatus.Confirmed)
            throw plan.Status == CarePlanStatus.Draft
                ? new ConflictException("draft", "草稿尚未生效，无需结束。")
                : new ConflictException("ended", "该照护计划已结束。");
        var errors = new FieldErrors();
        var today = clock.ChinaToday();
        var on = input.EndedOn ?? today;
        if (on > today) errors.Add("endedOn", "结束日期不能晚于今天。");
        else if (on < plan.StartOn) errors.Add("endedOn", "结束日期不能早于计划开始日期。");
        var reason = Masking.Scrub((input.Reason ?? "").Trim());
        if (reason.Length is < 2 or > 200) errors.Add("reason", "请填写结束原因（2–200 个字）。");
        errors.ThrowIfAny();
        plan.Status = CarePlanStatus.Ended;
        plan.EndedOn = on;
        plan.EndReason = reason;
        plan.UpdatedAt = clock.GetUtcNow();
        plan.Version++;
        db.TimelineEvents.Add(access.Event(plan.ElderId, "assessments.care-plan.ended", $"照护计划结束：{plan.CareLevelName}，{on:yyyy-MM-dd}，{reason}"));
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("assessments.care-plan.end", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), plan.ElderId);
        return await get.HandleAsync(plan.Id, ct, audited: false);
    }
}
