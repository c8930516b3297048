using System.Globalization;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>
/// 更正评估: corrects a signed version with a new draft linked to it (same elder and instrument); the old one stays, marked
/// superseded. A version is corrected once (unique index on previous_id): a second correction → 409.
/// </summary>
public sealed class CorrectAssessment(
    YiyangDb db, AssessmentAccess access, AssessmentDrafting drafting, GetAssessment get, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/corrections", async Task<Created<AssessmentDto>> (long id, AssessmentInput input, CorrectAssessment handler,
                CancellationToken ct) =>
            {
                var dto = await handler.HandleAsync(id, input, ct);
                return TypedResults.Created($"/api/assessments/{dto.Id}", dto);
            })
            .RequireAuthorization(ElderPolicies.Write)
            .ProducesProblems(400, 404, 409)
            .WithSummary("更正已签署的评估：生成关联原评估的新版本（草稿），原评估保留并标记为已更正；每个版本只能更正一次");

    private static ConflictException AlreadyCorrected() => new("already-corrected", "该评估已被更正过，请更正最新版本。");

    public async Task<AssessmentDto> HandleAsync(long id, AssessmentInput input, CancellationToken ct)
    {
        var previous = await access.LoadForWriteAsync(id, ct);
        if (previous.Status == AssessmentStatus.Draft)
            throw new ConflictException("draft", "草稿可以直接修改，无需更正。");
        if (previous.Status == AssessmentStatus.Superseded || await db.Set<Assessment>().AnyAsync(x => x.PreviousId == id, ct))
            throw AlreadyCorrected();
        var note = Masking.Scrub((input.Note ?? "").Trim());
        if (note.Length > 200) throw ValidationFailedException.For("note", "更正说明最多 200 个字。");
        var elder = await db.Elders.AsNoTracking().FirstAsync(e => e.Id == previous.ElderId, ct);
        var v = await drafting.ValidateAsync(input, previous.InstrumentCode, ct);
        var a = drafting.New(elder, v, previous.Id, note.Length == 0 ? null : note);
        previous.Status = AssessmentStatus.Superseded;
        previous.UpdatedAt = clock.GetUtcNow();
        previous.Version++;
        db.Add(a);
        db.TimelineEvents.Add(access.Event(elder.Id, "assessments.corrected",
            $"更正评估（原评估 {previous.AssessedOn:yyyy-MM-dd}）：" + access.Describe(a) + (a.CorrectionNote is null ? "" : $"，说明：{a.CorrectionNote}")));
        await db.SaveOrConflictAsync(ct, onDuplicate: AlreadyCorrected, onConcurrency: AlreadyCorrected);
        await audit.RecordAsync("assessments.assessment.correct", "assessment", a.Id.ToString(CultureInfo.InvariantCulture), elder.Id,
            $"previous={previous.Id}");
        return await get.HandleAsync(a.Id, ct, audited: false);
    }
}
