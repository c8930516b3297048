using System.Globalization;
using System.Text.Json;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// 修订照护计划: a new draft linked to a confirmed plan, with the care level of the latest assessment and a copy of the
/// goals and items (to edit). The confirmed plan stays in force until the revision is confirmed. One revision per plan.
/// </summary>
public sealed class ReviseCarePlan(
    YiyangDb db, CarePlanAccess access, CarePlanDrafting drafting, GetCarePlan get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/revisions", async Task<Created<CarePlanDto>> (long id, ReviseCarePlan handler, CancellationToken ct) =>
            {
                var dto = await handler.HandleAsync(id, ct);
                return TypedResults.Created($"/api/care-plans/{dto.Id}", dto);
            })
            .RequireAuthorization(AssessmentPolicies.CarePlansWrite)
            .ProducesProblems(404, 409)
            .WithSummary("修订生效中的计划：生成关联原计划的新草稿（按最新评估的照护等级），确认后原计划结束");

    private static ConflictException AlreadyRevised() => new("already-revised", "该照护计划已有修订稿，请编辑修订稿。");

    public async Task<CarePlanDto> HandleAsync(long id, CancellationToken ct)
    {
        var previous = await access.LoadForWriteAsync(id, ct);
        if (previous.Status != CarePlanStatus.Confirmed)
            throw new ConflictException("not-confirmed", "只有生效中的照护计划可以修订。");
        if (await db.Set<CarePlan>().AnyAsync(p => p.PreviousId == id, ct)) throw AlreadyRevised();
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == previous.ElderId, ct);
        var today = clock.ChinaToday();
        var input = new CarePlanInput(elder.Id, JsonSerializer.Deserialize<List<string>>(previous.GoalsJson, CareLevels.Json),
            previous.Items.OrderBy(i => i.LineNo).Select(i => new CarePlanItemInput(i.ServiceCode, i.ServiceName, i.FrequencyCount, i.FrequencyUnit,
                i.ResponsibleOrganizationId, i.ResponsibleTeamId, i.StartOn < today ? today : i.StartOn, i.EndOn is { } e && e < today ? today : i.EndOn,
                i.LtcCovered)).ToList(), today, previous.Note, null);
        var plan = await drafting.NewDraftAsync(elder, input, previous, ct);
        db.Add(plan);
        db.TimelineEvents.Add(access.Event(elder.Id, "assessments.care-plan.drafted", "修订照护计划（草稿）：" + CarePlanAccess.Summary(plan)));
        await db.SaveOrConflictAsync(ct, onDuplicate: AlreadyRevised);
        await audit.RecordAsync("assessments.care-plan.revise", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), elder.Id,
            $"previous={previous.Id}");
        return await get.HandleAsync(plan.Id, ct, audited: false);
    }
}
