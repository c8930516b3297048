namespace Yiyang.Modules.Institutions;

/// <summary>已阅: the registering organization acknowledges a notice of its elder's admission elsewhere.</summary>
public sealed class ReadAdmissionNotice(YiyangDb db, AdmissionReviews reviews, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder notices) =>
        notices.MapPost("/{id:long}/read", async Task<Ok<AdmissionReviewDto>> (long id, ReadAdmissionNotice handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404, 409)
            .WithSummary("登记机构确认已阅跨机构入住通知；已阅 409");

    public async Task<AdmissionReviewDto> HandleAsync(long id, CancellationToken ct)
    {
        var row = await reviews.OfRegisteringOrganization().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw AdmissionReviews.NotFound();
        if (row.NoticeReadAt is not null) throw new ConflictException("notice-read", "该通知已阅。");
        row.NoticeReadAt = clock.GetUtcNow();
        row.NoticeReadBy = reviews.Actor;
        row.Version++;
        await db.SaveOrConflictAsync(ct);
        await audit.RecordAsync("institutions.admission-notice.read", "stay", row.StayId.ToString(), row.ElderId);
        return await reviews.OneAsync(id, ct);
    }
}
