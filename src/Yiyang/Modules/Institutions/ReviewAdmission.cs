namespace Yiyang.Modules.Institutions;

/// <summary>
/// 审查: the regulator records a finding on a cross-organization admission — 无异常, or 存疑 (with a note: it goes to the
/// inspections). Once reviewed, the finding stands (409 on a second one).
/// </summary>
public sealed class ReviewAdmission(YiyangDb db, AdmissionReviews reviews, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/{id:long}/review", async Task<Ok<AdmissionReviewDto>> (long id, AdmissionReviewInput input, ReviewAdmission handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
            .ProducesProblems(400, 404, 409)
            .WithSummary("审查跨机构入住：outcome = normal（无异常）或 questionable（存疑，须填 note）；已审查 409");

    public async Task<AdmissionReviewDto> HandleAsync(long id, AdmissionReviewInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var outcome = (input.Outcome ?? "").Trim() switch
        {
            "normal" => AdmissionReviewOutcome.Normal,
            "questionable" => AdmissionReviewOutcome.Questionable,
            _ => (AdmissionReviewOutcome?)null,
        };
        if (outcome is null) errors.Add("outcome", "审查结论应为 normal（无异常）或 questionable（存疑）。");
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : Masking.Scrub(input.Note.Trim());
        if (note is { Length: > 200 }) errors.Add("note", "审查意见最多 200 个字。");
        else if (outcome == AdmissionReviewOutcome.Questionable && note is null) errors.Add("note", "结论为存疑时请填写审查意见。");
        errors.ThrowIfAny();

        var row = await reviews.OfRegion(open: false).FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AdmissionReviews.NotFound();
        if (row.ReviewedAt is not null) throw new ConflictException("reviewed", "该跨机构入住已审查。");
        row.ReviewedAt = clock.GetUtcNow();
        row.ReviewedBy = reviews.Actor;
        row.Outcome = outcome;
        row.ReviewNote = note;
        row.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("institutions.admission-review." + (outcome == AdmissionReviewOutcome.Normal ? "normal" : "questionable"),
            "stay", row.StayId.ToString(), row.ElderId);
        return await reviews.OneAsync(id, ct);
    }
}
