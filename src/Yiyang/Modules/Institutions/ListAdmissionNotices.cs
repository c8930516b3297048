namespace Yiyang.Modules.Institutions;

/// <summary>
/// 跨机构入住通知: the elders registered to the user's organization who were admitted elsewhere by ID card — the
/// registering organization learns where its elder went, and can tell the regulator if it did not expect it.
/// </summary>
public sealed class ListAdmissionNotices(AdmissionReviews reviews, AuditTrail audit, CurrentUser user)
{
    public static void Map(RouteGroupBuilder notices) =>
        notices.MapGet("", async Task<Ok<IReadOnlyList<AdmissionReviewDto>>> (ListAdmissionNotices handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithSummary("本机构登记的老人在其他机构凭身份证办理入住的通知（最新在前）");

    public async Task<IReadOnlyList<AdmissionReviewDto>> HandleAsync(CancellationToken ct)
    {
        var list = await reviews.ListAsync(reviews.OfRegisteringOrganization(), ct);
        await audit.RecordListAsync("institutions.admission-notice.list", "organization", user.OrganizationId?.ToString(), 1, list.Select(r => r.ElderId));
        return list;
    }
}
