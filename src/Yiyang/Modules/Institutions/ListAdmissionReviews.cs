namespace Yiyang.Modules.Institutions;

/// <summary>跨机构入住审查: the regulator's list of admissions by ID card of elders registered elsewhere, in the region.</summary>
public sealed class ListAdmissionReviews(AdmissionReviews reviews, AuditTrail audit, CurrentUser user)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("", async Task<Ok<IReadOnlyList<AdmissionReviewDto>>> (bool? open, ListAdmissionReviews handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(open ?? true, ct)))
            .WithSummary("本辖区凭身份证办理的跨机构入住（open=true 只列未审查的，默认；false 全部），最新在前");

    public async Task<IReadOnlyList<AdmissionReviewDto>> HandleAsync(bool open, CancellationToken ct)
    {
        var list = await reviews.ListAsync(reviews.OfRegion(open), ct);
        await audit.RecordListAsync("institutions.admission-review.list", "region", user.RegionCode, 1, list.Select(r => r.ElderId), open ? "open" : "all");
        return list;
    }
}
