namespace Yiyang.Modules.Supervision;

public sealed record HistoryEntryDto(long InspectionId, long PlanId, string PlanName, int Year, DateOnly FinishedOn, string Outcome, string OutcomeName,
    int PassCount, int FailCount, int NotApplicableCount, DateOnly PublicationDueOn, int Findings, int FindingsOpen, int FindingsClosed,
    int FindingsEscalated, int FindingsOverdue);

public sealed record InspectionHistoryDto(long OrganizationId, string OrganizationName, IReadOnlyList<HistoryEntryDto> Inspections);

/// <summary>
/// 检查记录（信用记录）of an organization: its finished inspections with their results and how their findings stand, newest
/// first — for the regulators whose plans inspected it and for the organization's own admin (docs/domain/supervision.md#history).
/// </summary>
public sealed class InspectionHistory(YiyangDb db, InspectionAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/history", async Task<Ok<InspectionHistoryDto>> (long? organizationId, InspectionHistory handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(organizationId, ct)))
            .RequireAuthorization(SupervisionPolicies.ReadInspections)
            .ProducesProblems(400, 403, 404)
            .WithSummary("机构的检查记录（信用记录）：已完成的检查、结果和整改情况（机构管理员可省略 organizationId）");

    public async Task<InspectionHistoryDto> HandleAsync(long? organizationId, CancellationToken ct)
    {
        access.User.Demand(SupervisionPolicies.ReadInspections);
        var orgId = organizationId ?? access.User.OrganizationId ?? throw ValidationFailedException.For("organizationId", "请指明机构。");
        var org = await db.Organizations.AsNoTracking().Where(o => o.Id == orgId).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct)
                  ?? throw new NotFoundException("未找到该机构。");
        if (access.User.Can(SupervisionPolicies.AnswerFindings) && access.User.OrganizationId != orgId) throw new NotFoundException("未找到该机构。");
        var rows = await (from i in access.ReadableFinished()
                          join p in db.Set<InspectionPlan>().AsNoTracking() on i.PlanId equals p.Id
                          where i.OrganizationId == orgId
                          orderby i.FinishedAt descending
                          select new { i, p.Name, p.Year }).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => r.i.Id).ToList();
        var findings = await db.Set<Finding>().AsNoTracking().Where(f => ids.Contains(f.InspectionId))
            .Select(f => new { f.InspectionId, f.Status, f.DueOn }).ToListAsync(ct);
        var today = access.Today;
        return new InspectionHistoryDto(org.Id, org.Name, [.. rows.Select(r =>
        {
            var fs = findings.Where(f => f.InspectionId == r.i.Id).ToList();
            return new HistoryEntryDto(r.i.Id, r.i.PlanId, r.Name, r.Year, r.i.FinishedOn!.Value, r.i.Outcome!, InspectionRules.OutcomeName(r.i.Outcome),
                r.i.PassCount, r.i.FailCount, r.i.NotApplicableCount, r.i.PublicationDueOn!.Value, fs.Count, fs.Count(f => f.Status is "open" or "answered"),
                fs.Count(f => f.Status == "closed"), fs.Count(f => f.Status == "escalated"), fs.Count(f => InspectionRules.IsOverdue(f.Status, f.DueOn, today)));
        })]);
    }
}
