using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Sickbeds;

/// <summary>家庭病床列表: the sickbeds in scope (staff: their organization's), open ones first, with the alert badge.</summary>
public sealed class ListSickbeds(YiyangDb db, AuditTrail audit, SickbedAccess access, SickbedRoundStatuses roundStatuses)
{
    private const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<PagedList<SickbedListItem>>> (
                [FromQuery] long? elderId, [FromQuery] string? status, [FromQuery] int? page, [FromQuery] int? pageSize, ListSickbeds handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(new SickbedQuery(elderId, status, page, pageSize), ct)))
            .ProducesProblems(400)
            .WithSummary("家庭病床列表（状态 open/applied/approved/opened/rejected/closed；alert 表示查床不足或周期已到期）");

    public async Task<PagedList<SickbedListItem>> HandleAsync(SickbedQuery q, CancellationToken ct)
    {
        var query = access.OwnOrganization(Filter(access.Scoped().AsNoTracking(), q));
        var page = Math.Max(1, q.Page ?? 1);
        var size = Math.Clamp(q.PageSize ?? 50, 1, MaxPageSize);
        var total = await query.CountAsync(ct);
        var rows = (await (from s in query.OrderBy(s => s.Status == SickbedStatus.Closed || s.Status == SickbedStatus.Rejected)
                               .ThenByDescending(s => s.AppliedOn).ThenByDescending(s => s.Id).Skip((page - 1) * size).Take(size)
                           join el in db.Elders on s.ElderId equals el.Id
                           select new { s, el.Name }).ToListAsync(ct))
            .OrderBy(r => !SickbedRules.IsOpen(r.s.Status)).ThenByDescending(r => r.s.AppliedOn).ThenByDescending(r => r.s.Id).ToList();
        var statuses = await roundStatuses.ForAsync(rows.Where(r => r.s.Status == SickbedStatus.Opened).Select(r => r.s).ToList(), ct);
        var items = rows.Select(r => new SickbedListItem(r.s.Id, r.s.ElderId, r.Name, r.s.OrganizationId, SickbedRules.StatusCode(r.s.Status),
            SickbedRules.StatusName(r.s.Status), r.s.DiagnosisCode, r.s.DiagnosisName, r.s.AppliedOn, r.s.OpenedOn, r.s.CycleEndsOn, r.s.RoundsPerWeek,
            statuses.TryGetValue(r.s.Id, out var st2) && (st2.Alert || st2.CycleEnded))).ToList();
        await audit.RecordAsync("sickbeds.list", "sickbed", null, q.ElderId, $"results={total}", wait: false);
        return new PagedList<SickbedListItem>(items, total, page, size);
    }

    private static IQueryable<Sickbed> Filter(IQueryable<Sickbed> query, SickbedQuery q)
    {
        if (q.ElderId is { } e) query = query.Where(s => s.ElderId == e);
        if (string.IsNullOrWhiteSpace(q.Status)) return query;
        if (q.Status.Trim() == "open")
            return query.Where(s => s.Status == SickbedStatus.Applied || s.Status == SickbedStatus.Approved || s.Status == SickbedStatus.Opened);
        var st = SickbedRules.ParseStatus(q.Status)
                 ?? throw ValidationFailedException.For("status", "状态只能是 open、applied、approved、opened、rejected 或 closed。");
        return query.Where(s => s.Status == st);
    }
}
