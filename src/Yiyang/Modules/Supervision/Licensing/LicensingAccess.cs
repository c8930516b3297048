using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Supervision;

/// <summary>
/// Who reaches an application or a licence (docs/domain/supervision.md#licensing): the regulators of the bureau that
/// decides its kind, within their region, and the admin of the organization; anyone else gets a 404.
/// </summary>
public sealed class LicensingAccess(YiyangDb db, CurrentUser user, TimeProvider clock, IOptions<LicensingOptions> options)
{
    public static NotFoundException NotFound() => new("未找到该申请，或您无权查看。");

    public CurrentUser User => user;
    public LicensingOptions Options => options.Value;
    public string Actor => user.UserName;
    public DateOnly Today => clock.ChinaToday();
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The applications the signed-in user reads.</summary>
    public IQueryable<LicenceApplication> Applications()
    {
        user.Demand(SupervisionPolicies.LicensingRead);
        var all = db.Set<LicenceApplication>().AsNoTracking();
        if (user.Can(SupervisionPolicies.LicensingDecide))
        {
            var bureau = user.Bureau ?? "";
            return all.Where(a => a.Bureau == bureau).InRegionOf(user, a => a.RegionCode);
        }
        return user.OrganizationId is { } org ? all.Where(a => a.OrganizationId == org) : all.Where(_ => false);
    }

    /// <summary>The licences the signed-in user reads (same scope as the applications).</summary>
    public IQueryable<Licence> Licences()
    {
        user.Demand(SupervisionPolicies.LicensingRead);
        var all = db.Set<Licence>().AsNoTracking();
        if (user.Can(SupervisionPolicies.LicensingDecide))
        {
            var bureau = user.Bureau ?? "";
            return all.Where(l => l.Bureau == bureau).InRegionOf(user, l => l.RegionCode);
        }
        return user.OrganizationId is { } org ? all.Where(l => l.OrganizationId == org) : all.Where(_ => false);
    }

    public async Task<LicenceApplication> LoadForReadAsync(long id, CancellationToken ct) =>
        await Applications().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw NotFound();

    /// <summary>An application to change, tracked, with the If-Match version checked (412 when stale).</summary>
    public async Task<LicenceApplication> LoadForChangeAsync(long id, int? ifMatch, CancellationToken ct)
    {
        var found = await LoadForReadAsync(id, ct);
        var a = await db.Set<LicenceApplication>().FirstAsync(x => x.Id == found.Id, ct);
        return ifMatch is { } v && v != a.Version ? throw new PreconditionFailedException() : a;
    }

    /// <summary>Whether the signed-in user acts for the applicant: the organization's admin, or the bureau for a paper application.</summary>
    public bool IsApplicant(LicenceApplication a) =>
        (user.Can(SupervisionPolicies.LicensingApply) && user.OrganizationId == a.OrganizationId)
        || (a.OnBehalf && user.Can(SupervisionPolicies.LicensingDecide));

    /// <summary>Whether the signed-in user decides the application (the bureau's regulator in scope).</summary>
    public bool IsDecider => user.Can(SupervisionPolicies.LicensingDecide);

    public async Task<IReadOnlyList<LicenceApplicationDto>> ToDtosAsync(IReadOnlyList<LicenceApplication> apps, bool withDocuments, CancellationToken ct)
    {
        var ids = apps.Select(a => a.Id).ToList();
        var orgIds = apps.Select(a => a.OrganizationId).Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var docs = await db.Set<LicenceDocument>().AsNoTracking().Where(d => ids.Contains(d.ApplicationId)).OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.ApplicationId, d.DocumentType, d.FileName, d.ContentType, d.SizeBytes, d.CreatedByUser, d.CreatedAt }).ToListAsync(ct);
        var licences = await db.Set<Licence>().AsNoTracking().Where(l => ids.Contains(l.ApplicationId))
            .Select(l => new { l.Id, l.ApplicationId, l.LicenceNo }).ToListAsync(ct);
        var today = Today;
        return [.. apps.Select(a =>
        {
            var kind = LicensingKinds.Find(a.Kind)!;
            var mine = docs.Where(d => d.ApplicationId == a.Id).ToList();
            var licence = licences.FirstOrDefault(l => l.ApplicationId == a.Id);
            var typeName = kind.Documents.ToDictionary(d => d.Code, d => d.Name);
            return new LicenceApplicationDto(a.Id, a.Kind, kind.Name, a.Bureau, Bureaus.DisplayName(a.Bureau), a.OrganizationId,
                orgs.GetValueOrDefault(a.OrganizationId, ""), a.Status, LicensingRules.StatusName(a.Status), a.Note, a.ElderCareBeds, a.NursingBeds,
                a.MedicalBeds, a.OnBehalf, a.SubmittedByUser, a.SubmittedAt, a.SubmittedOn, a.TimeLimitWorkingDays ?? Options.TimeLimitOf(a.Kind),
                a.AcceptedOn, a.AcceptedByUser, a.DaysUsed, a.ClockStartedOn is not null && LicensingRules.IsOpen(a.Status), a.DeadlineOn,
                LicensingRules.IsOverdue(a.Status, a.DeadlineOn, today), a.DocumentsRequest, a.DocumentsRequestedOn, a.DecidedOn, a.DecidedByUser,
                a.DecisionReason, a.DecidedOn is { } d && a.DeadlineOn is { } due ? d <= due : null,
                [.. kind.Documents.Select(r => new RequiredDocumentDto(r.Code, r.Name, mine.Any(x => x.DocumentType == r.Code)))],
                withDocuments
                    ? [.. mine.Select(x => new LicenceDocumentDto(x.Id, x.DocumentType, typeName.GetValueOrDefault(x.DocumentType, x.DocumentType), x.FileName,
                        x.ContentType, x.SizeBytes, x.CreatedByUser, x.CreatedAt))]
                    : [],
                licence?.Id, licence?.LicenceNo, a.Version);
        })];
    }

    public async Task<LicenceApplicationDto> ToDtoAsync(LicenceApplication a, CancellationToken ct) => (await ToDtosAsync([a], true, ct))[0];

    public async Task<IReadOnlyList<LicenceDto>> ToLicenceDtosAsync(IReadOnlyList<Licence> licences, CancellationToken ct)
    {
        var orgIds = licences.Select(l => l.OrganizationId).Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var today = Today;
        return [.. licences.Select(l =>
        {
            var kind = LicensingKinds.Find(l.Kind)!;
            return new LicenceDto(l.Id, l.LicenceNo, l.Kind, kind.Name, kind.LicenceName, l.Bureau, l.OrganizationId, orgs.GetValueOrDefault(l.OrganizationId, ""),
                l.ApplicationId, l.ValidFrom, l.ValidTo, l.ValidTo < today, LicensingRules.ExpiresWithin(l.ValidTo, today, Options.ExpiryWarningDays),
                l.ElderCareBeds, l.NursingBeds, l.MedicalBeds, l.IssuedByUser, l.IssuedAt);
        })];
    }
}
