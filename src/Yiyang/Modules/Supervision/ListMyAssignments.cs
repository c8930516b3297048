using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Supervision;

public sealed record ChecklistRef(long Id, string Name, string Bureau, int VersionNo);

public sealed record MyAssignmentDto(long PlanId, string PlanName, int Year, long DrawId, DateTimeOffset DrawnAt, long OrganizationId, string OrganizationName,
    string OrganizationKind, string? Address, IReadOnlyList<string> FellowInspectors, IReadOnlyList<ChecklistRef> Checklists, long? InspectionId = null,
    string? InspectionStatus = null);

/// <summary>
/// 我的检查任务 (an inspector): the organizations the current draws assigned to them, with the fellow inspectors and the
/// checklists that apply (the plan's bureaus' current checklists for the organization's kind). Superseded draws and plans
/// not yet drawn are not shown (docs/domain/supervision.md#who-sees-what).
/// </summary>
public sealed class ListMyAssignments(YiyangDb db, CurrentUser user, ChecklistQueries checklists)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/my-assignments", async Task<Ok<IReadOnlyList<MyAssignmentDto>>> (ListMyAssignments handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .RequireAuthorization(SupervisionPolicies.Inspect)
            .ProducesProblems(403)
            .WithSummary("监督员本人被现行抽取结果派往的机构、同组监督员和适用的检查表");

    public async Task<IReadOnlyList<MyAssignmentDto>> HandleAsync(CancellationToken ct)
    {
        user.Demand(SupervisionPolicies.Inspect);
        var me = user.Id ?? 0;
        var draws = db.Set<InspectionDraw>();
        var rows = await (from a in db.Set<InspectionAssignment>().AsNoTracking()
                          join d in draws.AsNoTracking() on a.DrawId equals d.Id
                          join p in db.Set<InspectionPlan>().AsNoTracking() on d.PlanId equals p.Id
                          join o in db.Organizations.AsNoTracking() on a.OrganizationId equals o.Id
                          where a.InspectorUserId == me && !draws.Any(n => n.PlanId == d.PlanId && n.Sequence > d.Sequence)
                          orderby p.Year descending, d.Id descending, a.Position
                          select new { p.Id, p.Name, p.Year, p.Bureaus, DrawId = d.Id, d.DrawnAt, a.OrganizationId, OrgName = o.Name, o.Kind, o.Address })
            .Take(200).ToListAsync(ct);
        var drawIds = rows.Select(r => r.DrawId).Distinct().ToList();
        var fellows = await (from a in db.Set<InspectionAssignment>().AsNoTracking()
                             join u in db.Users.AsNoTracking() on a.InspectorUserId equals u.Id
                             where drawIds.Contains(a.DrawId) && a.InspectorUserId != me
                             orderby a.InspectorPosition
                             select new { a.DrawId, a.OrganizationId, u.DisplayName }).ToListAsync(ct);
        var current = await checklists.CurrentAsync(null, null, ct);
        var inspections = await db.Set<Inspection>().AsNoTracking().Where(i => drawIds.Contains(i.DrawId))
            .Select(i => new { i.Id, i.DrawId, i.OrganizationId, i.Status }).ToListAsync(ct);
        return [.. rows.Select(r =>
        {
            var kind = OrganizationKinds.Code(r.Kind);
            var bureaus = r.Bureaus.Split(',');
            var inspection = inspections.FirstOrDefault(i => i.DrawId == r.DrawId && i.OrganizationId == r.OrganizationId);
            return new MyAssignmentDto(r.Id, r.Name, r.Year, r.DrawId, r.DrawnAt, r.OrganizationId, r.OrgName, kind, r.Address,
                [.. fellows.Where(f => f.DrawId == r.DrawId && f.OrganizationId == r.OrganizationId).Select(f => f.DisplayName)],
                [.. current.Where(c => c.OrganizationKind == kind && bureaus.Contains(c.Bureau)).Select(c => new ChecklistRef(c.Id, c.Name, c.Bureau, c.VersionNo))],
                inspection?.Id, inspection?.Status);
        })];
    }
}
