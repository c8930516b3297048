using System.Globalization;
using Yiyang.Modules.Assessments.Records;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// 确认照护计划: a draft becomes the elder's current plan. A revision ends the plan it replaces in the same transaction; any
/// other confirmed plan → 409 (also when a concurrent confirmation wins: the partial unique index). With an expired
/// assessment behind the plan, items covered by 长护险 cannot be confirmed (409).
/// </summary>
public sealed class ConfirmCarePlan(YiyangDb db, CarePlanAccess access, GetCarePlan get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/confirm", async Task<Ok<CarePlanDto>> (long id, IfMatch ifMatch, ConfirmCarePlan handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ifMatch.Version, ct)))
            .RequireAuthorization(AssessmentPolicies.CarePlansWrite)
            .ProducesProblems(404, 409, 412)
            .WithSummary("确认照护计划：成为该老年人唯一生效的计划（修订稿确认时原计划结束）；评估已过期时不能确认长护险支付的项目");

    private static ConflictException PlanExists() => new("plan-exists", "该老年人已有生效的照护计划；请修订现有计划，或先结束它。");

    public async Task<CarePlanDto> HandleAsync(long id, int? ifMatchVersion, CancellationToken ct)
    {
        var plan = await access.LoadForWriteAsync(id, ct);
        if (plan.Status != CarePlanStatus.Draft) throw CarePlanAccess.NotDraft(plan);
        if (ifMatchVersion is not null) Etags.CheckVersion(plan.Version, ifMatchVersion, null);
        if (plan.Items.Count == 0) throw new ConflictException("no-items", "照护计划没有服务项目，不能确认。");
        var today = clock.ChinaToday();
        var basis = await db.Set<Assessment>().AsNoTracking().FirstAsync(a => a.Id == plan.AssessmentId, ct);
        if (!CareLevelRules.ValidOn(basis.NextDue, today) && plan.Items.Any(i => i.LtcCovered))
            throw new ConflictException("assessment-expired",
                $"计划依据的评估已过期（应于 {basis.NextDue:yyyy年M月d日} 复评），不能确认长护险支付的服务项目；请先完成复评，或取消这些项目的长护险支付。");
        var current = await db.Set<CarePlan>().AsTracking()
            .FirstOrDefaultAsync(p => p.ElderId == plan.ElderId && p.Status == CarePlanStatus.Confirmed, ct);
        if (current is not null && current.Id != plan.PreviousId) throw PlanExists();

        var now = clock.GetUtcNow();
        await using (var tx = await db.BeginUseCaseTransactionAsync(ct))
        {
            if (current is not null)
            {
                EndReplaced(current, plan, today, now);
                await db.SaveOrConflictAsync(ct, onDuplicate: PlanExists);
            }
            plan.Status = CarePlanStatus.Confirmed;
            plan.ConfirmedAt = now;
            plan.ConfirmedBy = access.Actor;
            plan.UpdatedAt = now;
            plan.Version++;
            db.TimelineEvents.Add(access.Event(plan.ElderId, "assessments.care-plan.confirmed", "确认照护计划：" + CarePlanAccess.Summary(plan)));
            await db.SaveOrConflictAsync(ct, onDuplicate: PlanExists);
            await tx.CommitAsync(ct);
        }
        await audit.RecordAsync("assessments.care-plan.confirm", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), plan.ElderId,
            current is null ? null : $"ended={current.Id}");
        return await get.HandleAsync(plan.Id, ct, audited: false);
    }

    /// <summary>The plan a revision replaces ends the day before the revision starts (not after today, not before its own start).</summary>
    private void EndReplaced(CarePlan current, CarePlan plan, DateOnly today, DateTimeOffset now)
    {
        var end = plan.StartOn.AddDays(-1);
        if (end > today) end = today;
        if (end < current.StartOn) end = current.StartOn;
        current.Status = CarePlanStatus.Ended;
        current.EndedOn = end;
        current.EndReason = "已修订为新计划";
        current.UpdatedAt = now;
        current.Version++;
        db.TimelineEvents.Add(access.Event(current.ElderId, "assessments.care-plan.ended", $"照护计划结束（已修订）：{current.CareLevelName}"));
    }
}
