using System.Globalization;
using System.Text.Json;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>修改草稿: edits a draft plan (goals, items, start, note); version or If-Match. Confirmed and ended plans → 409.</summary>
public sealed class EditCarePlan(
    YiyangDb db, CarePlanAccess access, CarePlanDrafting drafting, GetCarePlan get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/{id:long}", async Task<Ok<CarePlanDto>> (long id, CarePlanInput input, IfMatch ifMatch, EditCarePlan handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(id, input, ifMatch.Version, ct)))
            .RequireAuthorization(AssessmentPolicies.CarePlansWrite)
            .ProducesProblems(400, 404, 409, 412)
            .WithSummary("修改草稿（需 version 或 If-Match）；已确认或已结束的计划返回 409");

    public async Task<CarePlanDto> HandleAsync(long id, CarePlanInput input, int? ifMatchVersion, CancellationToken ct)
    {
        var plan = await access.LoadForWriteAsync(id, ct);
        if (plan.Status != CarePlanStatus.Draft) throw CarePlanAccess.NotDraft(plan);
        Etags.CheckVersion(plan.Version, ifMatchVersion, input.Version);
        var v = await drafting.ValidateAsync(input with { Goals = input.Goals, StartOn = input.StartOn ?? plan.StartOn }, plan.StartOn, ct);
        await using (var tx = await db.BeginUseCaseTransactionAsync(ct))
        {
            plan.GoalsJson = JsonSerializer.Serialize(v.Goals, CareLevels.Json);
            plan.StartOn = v.StartOn;
            plan.Note = v.Note;
            plan.UpdatedAt = clock.GetUtcNow();
            plan.Version++;
            db.RemoveRange(plan.Items);
            await db.SaveOrConflictAsync(ct); // old lines go first: (plan, line) and (plan, service code) are unique
            plan.Items.AddRange(v.Items);
            await db.SaveOrConflictAsync(ct);
            await tx.CommitAsync(ct);
        }
        await audit.RecordAsync("assessments.care-plan.update", "care-plan", plan.Id.ToString(CultureInfo.InvariantCulture), plan.ElderId);
        return await get.HandleAsync(plan.Id, ct, audited: false);
    }
}
