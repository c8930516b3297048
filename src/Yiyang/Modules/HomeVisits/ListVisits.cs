using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.HomeVisits;

/// <summary>The visits of the elders the user may see, filtered by elder, team, planned date and status.</summary>
public sealed class ListVisits(YiyangDb db, HomeVisitAccess access, IOptions<ListOptions> lists)
{
    private const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/", async Task<Ok<PagedList<VisitListItem>>> (
                [FromQuery] long? elderId, [FromQuery] long? teamId, [FromQuery] DateOnly? date, [FromQuery] string? status,
                [FromQuery] int? page, [FromQuery] int? pageSize, ListVisits handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.HandleAsync(new VisitQuery(elderId, teamId, date, status, page, pageSize), ct)))
            .ProducesProblems(400)
            .WithSummary("上门服务列表（按老人、团队、计划日期、状态 planned/checked-in/completed 筛选；只含可查看的老人）");

    public async Task<PagedList<VisitListItem>> HandleAsync(VisitQuery q, CancellationToken ct)
    {
        var query = access.Scoped().AsNoTracking();
        if (q.ElderId is { } e) query = query.Where(v => v.ElderId == e);
        if (q.TeamId is { } t) query = query.Where(v => v.TeamId == t);
        if (q.Date is { } d) query = query.Where(v => v.PlannedDate == d);
        if (!string.IsNullOrWhiteSpace(q.Status))
        {
            var s = VisitRules.ParseStatus(q.Status)
                    ?? throw ValidationFailedException.For("status", "状态只能是 planned、checked-in 或 completed。");
            query = query.Where(v => v.Status == s);
        }
        var page = Math.Max(1, q.Page ?? 1);
        var size = Math.Clamp(q.PageSize ?? 50, 1, MaxPageSize);
        var items = await HomeVisitMapping.ListItemsAsync(db,
            query.OrderByDescending(v => v.PlannedDate).ThenByDescending(v => v.Id).Skip((page - 1) * size).Take(size), ct);
        var (total, capped) = await Paging.TotalAsync(query, page, size, items.Count, lists.Value.MaxCountedResults, ct);
        return new PagedList<VisitListItem>(items, total, page, size, capped);
    }
}
