namespace Yiyang.Modules.Emergency;

/// <summary>我的应急任务: the tasks sent to the user's organization — open ones first (oldest first), then those answered in the last 7 days; audited with the elders shown.</summary>
public sealed class ListMyDispatches(DispatchSteps steps, CurrentUser user, AuditTrail audit)
{
    public const int MaxRows = 100;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/dispatches/mine", async Task<Ok<IReadOnlyList<ResponderTaskDto>>> (ListMyDispatches handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .ProducesProblems(403)
            .WithSummary("我的应急任务：派给本机构（签约家庭医生团队、入住养老机构）的任务，未完成的在前");

    public async Task<IReadOnlyList<ResponderTaskDto>> HandleAsync(CancellationToken ct)
    {
        user.Demand(EmergencyPolicies.Respond);
        var q = steps.Mine().AsNoTracking();
        var rows = await q.Where(d => d.Status < DispatchStatus.Done).OrderBy(d => d.DispatchedAt).ThenBy(d => d.Id).Take(MaxRows).ToListAsync(ct);
        var since = steps.Now.AddDays(-7);
        if (rows.Count < MaxRows)
            rows.AddRange(await q.Where(d => d.Status == DispatchStatus.Done && d.DoneAt >= since).OrderByDescending(d => d.DoneAt).Take(MaxRows - rows.Count).ToListAsync(ct));
        var tasks = await steps.ToDtosAsync(rows, ct);
        var elderIds = await DistinctEldersAsync(rows, ct);
        await audit.RecordListAsync("emergency.dispatch.list", "emergency-dispatch", null, 1, elderIds);
        return tasks;
    }

    private Task<List<long>> DistinctEldersAsync(List<EmergencyDispatch> rows, CancellationToken ct)
    {
        var ids = rows.Select(d => d.IncidentId).Distinct().ToList();
        return steps.Incidents().Where(i => ids.Contains(i.Id)).Select(i => i.ElderId).Distinct().ToListAsync(ct);
    }
}
