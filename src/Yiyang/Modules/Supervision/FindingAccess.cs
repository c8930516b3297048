namespace Yiyang.Modules.Supervision;

public sealed record FindingDto(long Id, long InspectionId, int ItemPosition, string ItemCategory, string ItemText, string? ItemNote, long OrganizationId,
    string OrganizationName, string Severity, string SeverityName, string LegalBasis, string Requirement, int DeadlineWorkingDays, DateOnly IssuedOn,
    DateOnly DueOn, string Status, string StatusName, bool Overdue, string CreatedBy, string? ResponseText, string? RespondedBy, DateTimeOffset? RespondedAt,
    IReadOnlyList<SupervisionFileDto> Evidence, string? RecheckNote, string? RecheckedBy, DateTimeOffset? RecheckedAt, int Version) : IVersioned;

/// <summary>
/// Who reaches a finding: whoever reads its (finished) inspection — the drawn inspectors, the plan's regulators, the
/// organization's admin (docs/domain/supervision.md#findings). The organization's admin answers; the drawn inspectors re-check.
/// </summary>
public sealed class FindingAccess(YiyangDb db, InspectionAccess inspections, TimeProvider clock)
{
    public static NotFoundException NotFound() => new("未找到该整改事项，或您无权查看。");

    public InspectionAccess Inspections => inspections;

    public async Task<Finding> LoadForReadAsync(long id, CancellationToken ct, bool track = false)
    {
        inspections.User.Demand(SupervisionPolicies.ReadInspections);
        var q = track ? db.Set<Finding>() : db.Set<Finding>().AsNoTracking();
        var f = await q.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw NotFound();
        var i = await db.Set<Inspection>().AsNoTracking().FirstAsync(x => x.Id == f.InspectionId, ct);
        return await inspections.MayReadAsync(i, ct) ? f : throw NotFound();
    }

    /// <summary>A finding of the signed-in admin's own organization (others are a 404), to answer.</summary>
    public async Task<Finding> LoadForAnswerAsync(long id, int? ifMatch, CancellationToken ct)
    {
        inspections.User.Demand(SupervisionPolicies.AnswerFindings);
        var f = await LoadForReadAsync(id, ct, track: true);
        if (f.OrganizationId != inspections.User.OrganizationId) throw NotFound();
        if (!InspectionRules.MayRespond(f.Status))
            throw new ConflictException("finding-rechecked", $"该整改事项已{InspectionRules.FindingStatusName(f.Status)}，不能再反馈。");
        return ifMatch is { } v && v != f.Version ? throw new PreconditionFailedException() : f;
    }

    /// <summary>A finding of an inspection the signed-in inspector was drawn for.</summary>
    public async Task<Finding> LoadForInspectorAsync(long id, int? ifMatch, CancellationToken ct)
    {
        inspections.User.Demand(SupervisionPolicies.Inspect);
        var f = await LoadForReadAsync(id, ct, track: true);
        return ifMatch is { } v && v != f.Version ? throw new PreconditionFailedException() : f;
    }

    public async Task<IReadOnlyList<FindingDto>> ToDtosAsync(IReadOnlyList<Finding> findings, CancellationToken ct)
    {
        var ids = findings.Select(f => f.Id).ToList();
        var inspectionIds = findings.Select(f => f.InspectionId).Distinct().ToList();
        var orgIds = findings.Select(f => f.OrganizationId).Distinct().ToList();
        var items = await db.Set<InspectionItem>().AsNoTracking().Where(x => inspectionIds.Contains(x.InspectionId))
            .Select(x => new { x.InspectionId, x.Position, x.Category, x.Text, x.Note }).ToListAsync(ct);
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var evidence = await db.Set<SupervisionFile>().AsNoTracking().Where(x => x.FindingId != null && ids.Contains(x.FindingId.Value)).OrderBy(x => x.Id)
            .Select(x => new { x.FindingId, Dto = new SupervisionFileDto(x.Id, x.ItemPosition, x.FileName, x.ContentType, x.SizeBytes, x.CreatedByUser, x.CreatedAt) })
            .ToListAsync(ct);
        var today = clock.ChinaToday();
        return [.. findings.Select(f =>
        {
            var item = items.First(x => x.InspectionId == f.InspectionId && x.Position == f.ItemPosition);
            return new FindingDto(f.Id, f.InspectionId, f.ItemPosition, item.Category, item.Text, item.Note, f.OrganizationId, orgs.GetValueOrDefault(f.OrganizationId, ""),
                f.Severity, InspectionRules.SeverityName(f.Severity), f.LegalBasis, f.Requirement, f.DeadlineWorkingDays, f.IssuedOn, f.DueOn, f.Status,
                InspectionRules.FindingStatusName(f.Status), InspectionRules.IsOverdue(f.Status, f.DueOn, today), f.CreatedByUser, f.ResponseText,
                f.RespondedByUser, f.RespondedAt, [.. evidence.Where(e => e.FindingId == f.Id).Select(e => e.Dto)], f.RecheckNote, f.RecheckedByUser,
                f.RecheckedAt, f.Version);
        })];
    }

    public async Task<FindingDto> ToDtoAsync(Finding f, CancellationToken ct) => (await ToDtosAsync([f], ct))[0];

    /// <summary>Findings of the inspections the signed-in user reads.</summary>
    public IQueryable<Finding> Readable()
    {
        var inspectionIds = inspections.ReadableFinished().Select(i => i.Id);
        return db.Set<Finding>().AsNoTracking().Where(f => inspectionIds.Contains(f.InspectionId));
    }
}
