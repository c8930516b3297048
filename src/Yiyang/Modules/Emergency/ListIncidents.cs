using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Emergency;

/// <summary>
/// 事件队列: incidents of elders in scope, open ones first by priority and age (oldest first), then the settled ones of
/// the last days, newest first. The read is audited with the elders shown.
/// </summary>
public sealed class ListIncidents(EmergencyAccess access, IncidentMapping mapping, AuditTrail audit, TimeProvider clock)
{
    public const int MaxRows = 200;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/incidents", async Task<Ok<IReadOnlyList<IncidentDto>>> ([FromQuery] bool? open, ListIncidents handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(open ?? false, ct)))
            .ProducesProblems(400, 403)
            .WithSummary("事件队列：未结事件按优先级、等待时长排在前（open=true 只看未结事件），其后为近 7 天已处置/关闭的事件");

    public async Task<IReadOnlyList<IncidentDto>> HandleAsync(bool openOnly, CancellationToken ct)
    {
        access.User.Demand(EmergencyPolicies.ReadIncidents);
        var q = access.Incidents().AsNoTracking();
        var rows = await q.Where(i => i.Status < IncidentStatus.Resolved).OrderBy(i => i.Priority).ThenBy(i => i.OpenedAt).ThenBy(i => i.Id)
            .Take(MaxRows).ToListAsync(ct);
        if (!openOnly && rows.Count < MaxRows)
        {
            var since = clock.GetUtcNow().AddDays(-7);
            rows.AddRange(await q.Where(i => i.Status >= IncidentStatus.Resolved && i.ResolvedAt >= since).OrderByDescending(i => i.ResolvedAt)
                .Take(MaxRows - rows.Count).ToListAsync(ct));
        }
        await audit.RecordListAsync("emergency.incident.list", "emergency-incident", null, 1, rows.Select(r => r.ElderId), openOnly ? "open" : "all");
        return await mapping.ToDtosAsync(rows, withDispatches: false, ct);
    }
}
