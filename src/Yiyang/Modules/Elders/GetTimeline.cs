namespace Yiyang.Modules.Elders;

/// <summary>服务时间线: what happened to an elder across modules, newest first (500 at most); the view is audited.</summary>
public sealed class GetTimeline(YiyangDb db, CurrentUser user, AuditTrail audit)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{id:long}/timeline", async Task<Ok<IReadOnlyList<TimelineItem>>> (long id, GetTimeline handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404);

    public async Task<IReadOnlyList<TimelineItem>> HandleAsync(long id, CancellationToken ct)
    {
        if (!await ElderScope.Apply(db.Elders.AsNoTracking(), user).AnyAsync(e => e.Id == id, ct)) throw ElderAccess.NotFound();
        await audit.RecordAsync("elder.timeline.view", "elder", id.ToString(), id, wait: false);
        var rows = await db.TimelineEvents.AsNoTracking().Where(t => t.ElderId == id)
            .OrderByDescending(t => t.At).ThenByDescending(t => t.Id).Take(500).ToListAsync(ct);
        return rows.Select(t => new TimelineItem(t.At, t.Kind, t.Module, t.Summary, t.Actor)).ToList();
    }
}
