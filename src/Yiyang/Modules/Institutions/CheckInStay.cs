using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// 到院登记: confirms an admission by ID card of an elder registered elsewhere — a member of the institution's staff saw
/// the elder arrive. Until then the institution sees the elder's record but not the contact data. By default the check-in
/// must be made by someone other than the admitting user (<see cref="InstitutionOptions.CheckInBySecondPerson"/>).
/// </summary>
public sealed class CheckInStay(YiyangDb db, InstitutionAccess access, AdmissionReviews reviews, AuditTrail audit, TimeProvider clock,
    IOptions<InstitutionOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/stays/{id:long}/check-in", async Task<Ok<AdmissionReviewDto>> (long id, CheckInInput? input, CheckInStay handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, input, ct)))
            .ProducesProblems(400, 404, 409)
            .WithSummary("到院登记：确认凭身份证办理的跨机构入住（须由办理入住以外的工作人员登记），确认后方可查看老人联系方式；无须确认或已确认 409");

    public async Task<AdmissionReviewDto> HandleAsync(long id, CheckInInput? input, CancellationToken ct)
    {
        var note = string.IsNullOrWhiteSpace(input?.Note) ? null : Masking.Scrub(input.Note.Trim());
        if (note is { Length: > 200 }) throw ValidationFailedException.For("note", "说明最多 200 个字。");
        var stay = await access.OpenStayAsync(id, ct);
        var review = await db.Set<AdmissionReview>().FirstOrDefaultAsync(r => r.StayId == stay.Id, ct)
                     ?? throw new ConflictException("no-check-in-needed", "该入住不是凭身份证办理的跨机构入住，无须到院登记。");
        if (review.ConfirmedAt is not null) throw new ConflictException("checked-in", "该入住已于到院登记时确认。");
        if (options.Value.CheckInBySecondPerson && string.Equals(review.AdmittedBy, access.Actor, StringComparison.Ordinal))
            throw new ConflictException("same-person", "到院登记须由办理入住以外的工作人员确认。");
        review.ConfirmedAt = clock.GetUtcNow();
        review.ConfirmedBy = access.Actor;
        review.Confirmation = StayConfirmation.CheckIn;
        review.ConfirmationNote = note;
        review.Version++;
        db.TimelineEvents.Add(Elders.TimelineEvent.Create(stay.ElderId, review.ConfirmedAt.Value, "institutions.stay.checked-in",
            InstitutionAccess.TimelineModule, "到院登记：入住已确认", access.Actor));
        await access.SaveAsync("该入住已确认。", ct);
        await audit.RecordAsync("institutions.stay.check-in", "stay", stay.Id.ToString(), stay.ElderId);
        return await reviews.OneAsync(review.Id, ct);
    }
}
