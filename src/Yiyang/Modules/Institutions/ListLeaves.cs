namespace Yiyang.Modules.Institutions;

/// <summary>外出记录: the leaves of a stay, newest first; for the institution's own staff (and the city operator).</summary>
public sealed class ListLeaves(YiyangDb db, InstitutionAccess access, GetStay stays, AuditTrail audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/stays/{id:long}/leaves", async Task<Ok<IReadOnlyList<LeaveDto>>> (long id, ListLeaves handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(id, ct)))
            .ProducesProblems(404)
            .WithSummary("入住期间的外出记录（新的在前）");

    public async Task<IReadOnlyList<LeaveDto>> HandleAsync(long stayId, CancellationToken ct)
    {
        var stay = await stays.HandleAsync(stayId, ct);
        if (!access.WorksFor(stay.OrganizationId)) throw InstitutionAccess.NoStay();
        var today = clock.ChinaToday();
        var rows = await db.Set<InstitutionLeave>().AsNoTracking().Where(l => l.StayId == stayId)
            .OrderByDescending(l => l.StartOn).ThenByDescending(l => l.Id).ToListAsync(ct);
        await audit.RecordAsync("institutions.leave.list", "stay", stayId.ToString(), stay.ElderId);
        return rows.Select(l => InstitutionMapping.ToDto(l, today)).ToList();
    }
}
