namespace Yiyang.Modules.Institutions;

/// <summary>床位一览: the beds of an institution with their current resident (name masked) and open leave.</summary>
public sealed class ListBeds(YiyangDb db, InstitutionAccess access, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{orgId:long}/beds", async Task<Ok<IReadOnlyList<BedDto>>> (long orgId, ListBeds handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(orgId, ct)))
            .ProducesProblems(404)
            .WithSummary("机构床位及当前住户（姓名脱敏）");

    public async Task<IReadOnlyList<BedDto>> HandleAsync(long orgId, CancellationToken ct)
    {
        await access.InstitutionAsync(orgId, ct);
        var beds = await db.Set<InstitutionBed>().AsNoTracking().Where(b => b.OrganizationId == orgId)
            .OrderBy(b => b.Ward).ThenBy(b => b.Room).ThenBy(b => b.Number).ToListAsync(ct);
        var occupants = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                               join e in db.Elders.AsNoTracking() on s.ElderId equals e.Id
                               where s.OrganizationId == orgId && s.DischargedOn == null
                               select new { s.Id, s.BedId, s.ElderId, e.Name, s.AdmittedOn, s.CareLevel, s.ContractNumber, s.ContractEndOn }).ToListAsync(ct);
        var byBed = occupants.ToDictionary(o => o.BedId);
        var leaves = (await db.Set<InstitutionLeave>().AsNoTracking()
                .Where(l => l.OrganizationId == orgId && l.ReturnedOn == null).ToListAsync(ct))
            .ToDictionary(l => l.StayId);
        var today = clock.ChinaToday();
        OccupantLeaveDto? LeaveOf(long stayId) => leaves.TryGetValue(stayId, out var l)
            ? new OccupantLeaveDto(l.Id, LeaveRules.KindCode(l.Kind), LeaveRules.KindName(l.Kind), l.StartOn, l.ExpectedReturnOn,
                LeaveRules.Overdue(l.ExpectedReturnOn, today))
            : null;
        return beds.Select(b => new BedDto(b.Id, b.OrganizationId, b.Ward, b.Room, b.Number, BedRules.KindCode(b.Kind), BedRules.KindName(b.Kind),
            byBed.TryGetValue(b.Id, out var o) ? new OccupantDto(o.Id, o.ElderId, Masking.Name(o.Name), o.AdmittedOn, o.CareLevel, LeaveOf(o.Id), o.ContractNumber, o.ContractEndOn) : null,
            BedRules.KindCode(b.UseKind ?? b.Kind), BedRules.KindName(b.UseKind ?? b.Kind))).ToList();
    }
}
