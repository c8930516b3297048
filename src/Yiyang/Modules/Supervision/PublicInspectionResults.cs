using Microsoft.Extensions.Options;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

public sealed record PublicInspectorDto(string Name, string? CertificateNo);

public sealed record PublicInspectionDto(DateOnly FinishedOn, string Outcome, string OutcomeName, int PassCount, int FailCount, int NotApplicableCount,
    DateOnly PublicationDueOn, DateOnly PublishedOn, bool Late, int Findings, int FindingsClosed, int FindingsEscalated, int FindingsOpen,
    IReadOnlyList<PublicInspectorDto>? Inspectors);

public sealed record PublicEntityDto(long OrganizationId, string OrganizationName, string OrganizationKind, PublicInspectionDto? Inspection);

public sealed record PublicPlanDto(long PlanId, string Name, string BureauNames, int Year, string RegionCode, string RegionName, decimal RatioPercent,
    long DrawId, string Seed, string Algorithm, DateTimeOffset DrawnAt, int EntityCount, int SampleSize, string ResultSha256, IReadOnlyList<PublicEntityDto> Entities);

public sealed record PublicResultsDto(string RegionCode, string RegionName, int Year, IReadOnlyList<PublicPlanDto> Plans);

/// <summary>
/// 一公开 (anonymous): per region and year, each drawn plan with its current draw (seed, algorithm, hash — the draw record
/// is reproducible), the drawn organizations, and for the published inspections the date, result and how the findings
/// were closed. No personal data; inspectors' names and certificate numbers only when <c>Supervision:PublishInspectorNames</c>.
/// </summary>
public sealed class PublicInspectionResults(YiyangDb db, RegionCatalog regions, IOptions<SupervisionOptions> options, TimeProvider clock)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/public/inspection-results", async Task<Ok<PublicResultsDto>> (string? regionCode, int? year, PublicInspectionResults handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(regionCode, year, ct)))
            .AllowAnonymous()
            .RequireRateLimiting(PublicRateLimit.Policy)
            .WithTags("Inspections")
            .ProducesProblems(400, 429)
            .WithSummary("公开：某区划某年度的双随机抽查计划、抽取结果（种子、算法、哈希）、被抽中机构及已公示的检查结果和整改情况（不含个人信息）");

    public async Task<PublicResultsDto> HandleAsync(string? regionCode, int? year, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var region = regions.Find(regionCode?.Trim());
        if (region is null) errors.Add("regionCode", "请提供有效的行政区划代码。");
        var y = year ?? clock.ChinaToday().Year;
        if (y is < 2000 or > 2100) errors.Add("year", "年度应在 2000–2100 之间。");
        errors.ThrowIfAny();
        var plans = await db.Set<InspectionPlan>().AsNoTracking().Where(p => p.Year == y && p.RegionCode.StartsWith(region!.Code)).OrderBy(p => p.Id).ToListAsync(ct);
        var planIds = plans.Select(p => p.Id).ToList();
        var draws = (await db.Set<InspectionDraw>().AsNoTracking().Where(d => planIds.Contains(d.PlanId)).ToListAsync(ct))
            .GroupBy(d => d.PlanId).ToDictionary(g => g.Key, g => g.MaxBy(d => d.Sequence)!);
        var drawIds = draws.Values.Select(d => d.Id).ToList();
        var assignments = await db.Set<InspectionAssignment>().AsNoTracking().Where(a => drawIds.Contains(a.DrawId)).ToListAsync(ct);
        var orgIds = assignments.Select(a => a.OrganizationId).Distinct().ToList();
        var orgs = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var published = await (from i in db.Set<Inspection>().AsNoTracking()
                               join pub in db.Set<InspectionPublication>().AsNoTracking() on i.Id equals pub.InspectionId
                               where drawIds.Contains(i.DrawId)
                               select new { i, pub }).ToListAsync(ct);
        var inspectionIds = published.Select(x => x.i.Id).ToList();
        var findings = await db.Set<Finding>().AsNoTracking().Where(f => inspectionIds.Contains(f.InspectionId)).Select(f => new { f.InspectionId, f.Status }).ToListAsync(ct);
        var names = options.Value.PublishInspectorNames ? await InspectorNamesAsync(published.Select(x => x.i).ToList(), ct) : null;

        PublicInspectionDto? Inspection(long drawId, long orgId)
        {
            var x = published.FirstOrDefault(p => p.i.DrawId == drawId && p.i.OrganizationId == orgId);
            if (x is null) return null;
            var fs = findings.Where(f => f.InspectionId == x.i.Id).ToList();
            return new PublicInspectionDto(x.i.FinishedOn!.Value, x.i.Outcome!, InspectionRules.OutcomeName(x.i.Outcome), x.i.PassCount, x.i.FailCount,
                x.i.NotApplicableCount, x.pub.DueOn, x.pub.PublishedOn, x.pub.Late, fs.Count, fs.Count(f => f.Status == "closed"),
                fs.Count(f => f.Status == "escalated"), fs.Count(f => f.Status is "open" or "answered"), names?.GetValueOrDefault(x.i.Id));
        }

        return new PublicResultsDto(region!.Code, regions.FullName(region.Code), y, [.. plans.Where(p => draws.ContainsKey(p.Id)).Select(p =>
        {
            var d = draws[p.Id];
            var entities = assignments.Where(a => a.DrawId == d.Id).GroupBy(a => (a.Position, a.OrganizationId)).OrderBy(g => g.Key.Position)
                .Select(g => orgs[g.Key.OrganizationId])
                .Select(o => new PublicEntityDto(o.Id, o.Name, OrganizationKinds.Code(o.Kind), Inspection(d.Id, o.Id))).ToList();
            return new PublicPlanDto(p.Id, p.Name, string.Join("、", PlanAccess.BureausOf(p).Select(Bureaus.DisplayName)), p.Year, p.RegionCode,
                regions.FullName(p.RegionCode), p.RatioBasisPoints / 100m, d.Id, d.Seed, d.Algorithm, d.DrawnAt, d.EntityCount, d.SampleSize, d.ResultSha256, entities);
        })]);
    }

    /// <summary>The present inspectors of each inspection: name and certificate number only.</summary>
    private async Task<Dictionary<long, IReadOnlyList<PublicInspectorDto>>> InspectorNamesAsync(List<Inspection> inspections, CancellationToken ct)
    {
        var ids = inspections.SelectMany(InspectionQueries.PresentIds).Distinct().ToList();
        var people = await (from u in db.Users.AsNoTracking()
                            join c in db.Set<InspectorCertificate>().AsNoTracking() on u.Id equals c.UserId into cs
                            from c in cs.DefaultIfEmpty()
                            where ids.Contains(u.Id)
                            select new { u.Id, u.DisplayName, CertificateNo = c == null ? null : c.CertificateNo }).ToDictionaryAsync(x => x.Id, ct);
        return inspections.ToDictionary(i => i.Id, i => (IReadOnlyList<PublicInspectorDto>)[.. InspectionQueries.PresentIds(i)
            .Where(people.ContainsKey).Select(id => new PublicInspectorDto(people[id].DisplayName, people[id].CertificateNo))]);
    }
}
