using Microsoft.AspNetCore.Mvc;

namespace Yiyang.Modules.Emergency;

/// <summary>来电列表: calls ringing and in progress (oldest first), then those ended in the last 24 hours (newest first).</summary>
public sealed class ListCalls(YiyangDb db, CallSteps steps, AuditTrail audit)
{
    public const int MaxRows = 100;

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/calls", async Task<Ok<IReadOnlyList<CallListItem>>> ([FromQuery] bool? open, ListCalls handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(open ?? false, ct)))
            .ProducesProblems(400, 403)
            .WithSummary("来电列表：振铃和通话中的来电在前（open=true 只看未结束的），其后为 24 小时内结束的");

    public async Task<IReadOnlyList<CallListItem>> HandleAsync(bool openOnly, CancellationToken ct)
    {
        steps.User.Demand(EmergencyPolicies.HandleIncidents);
        var q = steps.Calls().AsNoTracking();
        var rows = await q.Where(c => c.Status != CallStatus.Ended).OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id).Take(MaxRows).ToListAsync(ct);
        if (!openOnly && rows.Count < MaxRows)
        {
            var since = steps.Now.AddDays(-1);
            rows.AddRange(await q.Where(c => c.Status == CallStatus.Ended && c.EndedAt >= since).OrderByDescending(c => c.EndedAt)
                .Take(MaxRows - rows.Count).ToListAsync(ct));
        }
        var elderIds = rows.Where(c => c.ElderId is not null).Select(c => c.ElderId!.Value).Distinct().ToList();
        var names = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        await audit.RecordListAsync("emergency.call.list", "emergency-call", null, 1, elderIds, openOnly ? "open" : "all");
        return [.. rows.Select(c => new CallListItem(c.Id, CallRules.StatusCode(c.Status), CallRules.StatusName(c.Status), c.CallerMasked, c.Line, c.ReceivedAt,
            c.AnsweredBy, c.ElderId, c.ElderId is { } e ? names.GetValueOrDefault(e) : null, c.Reason is { } r ? TriageScripts.ReasonName(r) : null, c.Priority,
            c.Outcome is { } o ? CallRules.OutcomeName(o) : null, c.IncidentId, c.Version))];
    }
}
