namespace Yiyang.Modules.Sickbeds;

/// <summary>
/// Alerts of the open sickbeds in scope (staff: their organization's): rounds-below-frequency when the last complete 7-day
/// window holds fewer completed rounds than required, cycle-ended when the cycle has ended without renewal or closing.
/// </summary>
public sealed class ListSickbedAlerts(YiyangDb db, AuditTrail audit, SickbedAccess access, SickbedRoundStatuses roundStatuses)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/alerts", async Task<Ok<IReadOnlyList<SickbedAlert>>> (ListSickbedAlerts handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithSummary("提醒：rounds-below-frequency（自建床日起每 7 天为一个统计段，已结束的最近一段完成查床次数少于每周要求；当前未满 7 天的段不计）、cycle-ended（周期已结束未续床或撤床）");

    public async Task<IReadOnlyList<SickbedAlert>> HandleAsync(CancellationToken ct)
    {
        var query = access.OwnOrganization(access.Scoped().AsNoTracking().Where(s => s.Status == SickbedStatus.Opened));
        var open = await query.OrderBy(s => s.Id).Take(5000).ToListAsync(ct);
        var statuses = await roundStatuses.ForAsync(open, ct);
        var names = await NamesAsync(open.Select(s => s.ElderId).Distinct().ToList(), ct);
        var alerts = new List<SickbedAlert>();
        foreach (var s in open)
        {
            var st = statuses[s.Id];
            var name = names.GetValueOrDefault(s.ElderId, "");
            if (st.Alert)
                alerts.Add(new SickbedAlert(s.Id, s.ElderId, name, "rounds-below-frequency", st.AlertMessage!, st.LastComplete, s.CycleEndsOn));
            if (st.CycleEnded)
                alerts.Add(new SickbedAlert(s.Id, s.ElderId, name, "cycle-ended",
                    $"家庭病床周期已于 {s.CycleEndsOn:yyyy-MM-dd} 结束，请再评估后续床或撤床。", null, s.CycleEndsOn));
        }
        await audit.RecordAsync("sickbeds.alerts.view", "sickbed", null, null, $"alerts={alerts.Count}", wait: false);
        return alerts;
    }

    private async Task<Dictionary<long, string>> NamesAsync(List<long> ids, CancellationToken ct)
    {
        var names = new Dictionary<long, string>();
        foreach (var chunk in ids.Chunk(1000))
            foreach (var e in await db.Elders.AsNoTracking().Where(e => chunk.Contains(e.Id)).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
                names[e.Id] = e.Name;
        return names;
    }
}
