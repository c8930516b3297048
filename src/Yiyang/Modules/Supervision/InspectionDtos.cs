using Yiyang.Modules.DailyCare;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

public sealed record InspectionItemDto(int Position, long ChecklistId, string Category, string Text, string? Result, string ResultName, string? Note,
    string? RecordedBy, DateTimeOffset? RecordedAt);

public sealed record SupervisionFileDto(long Id, int? ItemPosition, string FileName, string ContentType, int SizeBytes, string CreatedBy, DateTimeOffset CreatedAt);

public sealed record InspectionInspectorDto(long Id, string Name, string? CertificateNo, bool Present);

/// <summary>The organization's recorded 院感 zoning as the inspector sees it (care homes and integrated organizations only).</summary>
public sealed record ZoningSummaryDto(bool Recorded, bool Separated, string? Note, IReadOnlyList<string> Areas, IReadOnlyList<string> Warnings);

public sealed record FindingSummaryDto(long Id, int ItemPosition, string Severity, string SeverityName, DateOnly DueOn, string Status, string StatusName, bool Overdue);

public sealed record InspectionDto(long Id, long PlanId, string PlanName, int Year, long DrawId, long OrganizationId, string OrganizationName,
    string OrganizationKind, string Status, string StatusName, string StartedBy, DateTimeOffset StartedAt, IReadOnlyList<InspectionItemDto> Items,
    IReadOnlyList<SupervisionFileDto> Photos, IReadOnlyList<InspectionInspectorDto> Inspectors, string? RepresentativeName, bool Signed,
    DateTimeOffset? SignedAt, string? SignatureDataUrl, DateTimeOffset? FinishedAt, DateOnly? FinishedOn, DateOnly? PublicationDueOn, string? Outcome,
    string OutcomeName, int PassCount, int FailCount, int NotApplicableCount, ZoningSummaryDto? Zoning, IReadOnlyList<FindingSummaryDto> Findings,
    int Version) : IVersioned;

/// <summary>Reads an inspection into its DTO (items, photos, inspectors, findings and, for the inspectors, the recorded zoning).</summary>
public sealed class InspectionQueries(YiyangDb db, ZoningAccess zoning, TimeProvider clock)
{
    public async Task<InspectionDto> ToDtoAsync(Inspection i, bool withZoning, CancellationToken ct)
    {
        var plan = await db.Set<InspectionPlan>().AsNoTracking().Where(p => p.Id == i.PlanId).Select(p => new { p.Name, p.Year }).FirstAsync(ct);
        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == i.OrganizationId).Select(o => new { o.Name, o.Kind }).FirstAsync(ct);
        var items = await db.Set<InspectionItem>().AsNoTracking().Where(x => x.InspectionId == i.Id).OrderBy(x => x.Position).ToListAsync(ct);
        var photos = await db.Set<SupervisionFile>().AsNoTracking().Where(f => f.InspectionId == i.Id && f.Kind == "photo").OrderBy(f => f.Id)
            .Select(f => new SupervisionFileDto(f.Id, f.ItemPosition, f.FileName, f.ContentType, f.SizeBytes, f.CreatedByUser, f.CreatedAt)).ToListAsync(ct);
        var today = clock.ChinaToday();
        var findings = (await db.Set<Finding>().AsNoTracking().Where(f => f.InspectionId == i.Id).OrderBy(f => f.ItemPosition).ToListAsync(ct))
            .Select(f => new FindingSummaryDto(f.Id, f.ItemPosition, f.Severity, InspectionRules.SeverityName(f.Severity), f.DueOn, f.Status,
                InspectionRules.FindingStatusName(f.Status), InspectionRules.IsOverdue(f.Status, f.DueOn, today))).ToList();
        var present = PresentIds(i);
        var inspectors = (await InspectorsAsync(i.DrawId, i.OrganizationId, ct))
            .Select(x => x with { Present = present.Contains(x.Id) }).ToList();
        ZoningSummaryDto? zone = null;
        if (withZoning && org.Kind is OrganizationKind.ElderlyCare or OrganizationKind.Integrated)
        {
            var z = await zoning.ReadAsync(i.OrganizationId, ct);
            zone = new ZoningSummaryDto(z.Version > 0, z.Separated, z.Note,
                [.. z.Areas.Select(a => $"{a.Name}（{a.KindName}）" + (a.Building is null && a.Floor is null ? "" : $"：{a.Building} {a.Floor}".TrimEnd()))], z.Warnings);
        }
        return new InspectionDto(i.Id, i.PlanId, plan.Name, plan.Year, i.DrawId, i.OrganizationId, org.Name, OrganizationKinds.Code(org.Kind), i.Status,
            InspectionRules.StatusName(i.Status), i.StartedByUser, i.StartedAt,
            [.. items.Select(x => new InspectionItemDto(x.Position, x.ChecklistId, x.Category, x.Text, x.Result, InspectionRules.ResultName(x.Result), x.Note,
                x.RecordedByUser, x.RecordedAt))],
            photos, inspectors, i.RepresentativeName, i.SignaturePng is not null, i.SignedAt,
            i.SignaturePng is null ? null : "data:image/png;base64," + Convert.ToBase64String(i.SignaturePng),
            i.FinishedAt, i.FinishedOn, i.PublicationDueOn, i.Outcome, InspectionRules.OutcomeName(i.Outcome), i.PassCount, i.FailCount,
            i.NotApplicableCount, zone, findings, i.Version);
    }

    /// <summary>The inspectors drawn for the organization in the draw, with their certificate numbers.</summary>
    public async Task<List<InspectionInspectorDto>> InspectorsAsync(long drawId, long organizationId, CancellationToken ct) =>
        await (from a in db.Set<InspectionAssignment>().AsNoTracking()
               join u in db.Users.AsNoTracking() on a.InspectorUserId equals u.Id
               join c in db.Set<InspectorCertificate>().AsNoTracking() on u.Id equals c.UserId into cs
               from c in cs.DefaultIfEmpty()
               where a.DrawId == drawId && a.OrganizationId == organizationId
               orderby a.InspectorPosition
               select new InspectionInspectorDto(u.Id, u.DisplayName, c == null ? null : c.CertificateNo, false)).ToListAsync(ct);

    public static IReadOnlyList<long> PresentIds(Inspection i) =>
        [.. (i.PresentInspectorIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
}
