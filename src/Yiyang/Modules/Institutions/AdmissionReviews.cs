using Yiyang.Modules.Elders;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Institutions;

/// <summary>A cross-organization admission as the regulator, the registering organization and the institution see it (the elder's name masked).</summary>
public sealed record AdmissionReviewDto(long Id, long StayId, long ElderId, string ElderName, long OrganizationId, string OrganizationName,
    long? RegisteredOrganizationId, string? RegisteredOrganizationName, DateTimeOffset AdmittedAt, string AdmittedBy,
    DateTimeOffset? ConfirmedAt, string? ConfirmedBy, string? ConfirmationName, DateTimeOffset? NoticeReadAt, string? NoticeReadBy,
    DateTimeOffset? ReviewedAt, string? ReviewedBy, string? Outcome, string? OutcomeName, string? ReviewNote, bool Discharged, int Version) : IVersioned;

public sealed record CheckInInput(string? Note);

public sealed record AdmissionReviewInput(string? Outcome, string? Note);

/// <summary>
/// What the use cases of cross-organization admissions share: opening one with the stay, loading them with names, and
/// the mapping (docs/domain/institutions.md#admission-safeguards).
/// </summary>
public sealed class AdmissionReviews(YiyangDb db, CurrentUser user, TimeProvider clock)
{
    public static NotFoundException NotFound() => new("未找到该跨机构入住记录，或您无权查看。");

    /// <summary>Adds the review row of a stay just saved (saved by the caller).</summary>
    public void Open(InstitutionStay stay, Elder elder, Organization org) =>
        db.Add(new AdmissionReview
        {
            StayId = stay.Id,
            ElderId = elder.Id,
            OrganizationId = org.Id,
            RegisteredOrganizationId = elder.ResponsibleOrganizationId,
            // the regulator of the admitting institution's region reviews, wherever the elder comes from
            TownshipCode = org.TownshipCode,
            CountyCode = org.CountyCode,
            AdmittedAt = clock.GetUtcNow(),
            AdmittedBy = stay.CreatedByUser,
        });

    /// <summary>The rows of <paramref name="q"/>, newest first, with names (at most 500).</summary>
    public async Task<IReadOnlyList<AdmissionReviewDto>> ListAsync(IQueryable<AdmissionReview> q, CancellationToken ct)
    {
        var rows = await (from r in q.AsNoTracking()
                          join e in db.Elders.AsNoTracking() on r.ElderId equals e.Id
                          join s in db.Set<InstitutionStay>().AsNoTracking() on r.StayId equals s.Id
                          orderby r.AdmittedAt descending, r.Id descending
                          select new { r, e.Name, Open = s.DischargedOn == null }).Take(500).ToListAsync(ct);
        var orgIds = rows.SelectMany(x => new[] { x.r.OrganizationId, x.r.RegisteredOrganizationId ?? 0 }).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return rows.Select(x => ToDto(x.r, x.Name, !x.Open, names)).ToList();
    }

    public async Task<AdmissionReviewDto> OneAsync(long id, CancellationToken ct) =>
        (await ListAsync(db.Set<AdmissionReview>().Where(r => r.Id == id), ct)).FirstOrDefault() ?? throw NotFound();

    /// <summary>The review row of a stay, if the stay was a cross-organization admission.</summary>
    public async Task<AdmissionReviewDto?> ForStayAsync(long stayId, CancellationToken ct) =>
        (await ListAsync(db.Set<AdmissionReview>().Where(r => r.StayId == stayId), ct)).FirstOrDefault();

    /// <summary>Those the regulator reviews: the region's (unreviewed first when <paramref name="open"/>).</summary>
    public IQueryable<AdmissionReview> OfRegion(bool open)
    {
        var q = db.Set<AdmissionReview>().InRegionOf(user, r => r.TownshipCode);
        return open ? q.Where(r => r.ReviewedAt == null) : q;
    }

    /// <summary>Those the user's organization is told about: its registered elders admitted elsewhere.</summary>
    public IQueryable<AdmissionReview> OfRegisteringOrganization() =>
        user.OrganizationId is { } org ? db.Set<AdmissionReview>().Where(r => r.RegisteredOrganizationId == org) : db.Set<AdmissionReview>().Where(r => false);

    public string Actor => user.IsAuthenticated ? user.UserName : "system";

    private static AdmissionReviewDto ToDto(AdmissionReview r, string elderName, bool discharged, Dictionary<long, string> orgNames) =>
        new(r.Id, r.StayId, r.ElderId, Masking.Name(elderName), r.OrganizationId, orgNames.GetValueOrDefault(r.OrganizationId, ""),
            r.RegisteredOrganizationId, r.RegisteredOrganizationId is { } ro ? orgNames.GetValueOrDefault(ro) : null, r.AdmittedAt, r.AdmittedBy,
            r.ConfirmedAt, r.ConfirmedBy, r.Confirmation is null ? null : "到院登记", r.NoticeReadAt, r.NoticeReadBy,
            r.ReviewedAt, r.ReviewedBy, r.Outcome switch { AdmissionReviewOutcome.Normal => "normal", AdmissionReviewOutcome.Questionable => "questionable", _ => null },
            r.Outcome switch { AdmissionReviewOutcome.Normal => "无异常", AdmissionReviewOutcome.Questionable => "存疑，转入监督检查", _ => null },
            r.ReviewNote, discharged, r.Version);
}
