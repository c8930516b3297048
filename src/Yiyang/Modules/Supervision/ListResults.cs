namespace Yiyang.Modules.Supervision;

public sealed record ResultRowDto(long InspectionId, long PlanId, string PlanName, int Year, long OrganizationId, string OrganizationName, DateOnly FinishedOn,
    string Outcome, string OutcomeName, DateOnly PublicationDueOn, DateOnly? PublishedOn, bool Late, bool Overdue);

/// <summary>
/// 结果公示工作台 (the bureau's regulators): the finished inspections of the plans they see, with the publication state —
/// published on time, published late, or not yet published and past the due date (overdue).
/// </summary>
public sealed class ListResults(YiyangDb db, PlanAccess plans)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/results", async Task<Ok<IReadOnlyList<ResultRowDto>>> (int? year, bool? pending, ListResults handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(year, pending ?? false, ct)))
            .ProducesProblems(403)
            .WithSummary("已完成检查的结果及公示情况（逾期未公示、逾期公示标记）；pending=true 只列未公示的");

    public async Task<IReadOnlyList<ResultRowDto>> HandleAsync(int? year, bool pending, CancellationToken ct)
    {
        var scoped = plans.Scoped();
        if (year is { } y) scoped = scoped.Where(p => p.Year == y);
        var rows = await (from i in db.Set<Inspection>().AsNoTracking()
                          join p in scoped.AsNoTracking() on i.PlanId equals p.Id
                          join o in db.Organizations.AsNoTracking() on i.OrganizationId equals o.Id
                          join pub in db.Set<InspectionPublication>().AsNoTracking() on i.Id equals pub.InspectionId into pubs
                          from pub in pubs.DefaultIfEmpty()
                          where i.Status == InspectionRules.Finished && (!pending || pub == null)
                          orderby i.PublicationDueOn, i.Id
                          select new { i, p.Name, p.Year, OrgName = o.Name, PublishedOn = pub == null ? (DateOnly?)null : pub.PublishedOn, Late = pub != null && pub.Late })
            .Take(500).ToListAsync(ct);
        var today = plans.Today;
        return [.. rows.Select(r => new ResultRowDto(r.i.Id, r.i.PlanId, r.Name, r.Year, r.i.OrganizationId, r.OrgName, r.i.FinishedOn!.Value, r.i.Outcome!,
            InspectionRules.OutcomeName(r.i.Outcome), r.i.PublicationDueOn!.Value, r.PublishedOn, r.Late,
            r.PublishedOn is null && today > r.i.PublicationDueOn.Value))];
    }
}
