namespace Yiyang.Modules.Institutions;

/// <summary>床位使用率: beds and residents of an institution, overall, per licensed kind and per actual use.</summary>
public sealed class GetOccupancy(YiyangDb db, InstitutionAccess access)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/{orgId:long}/occupancy", async Task<Ok<OccupancyDto>> (long orgId, GetOccupancy handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(orgId, ct)))
            .ProducesProblems(404)
            .WithSummary("床位使用率：总体及按床位类型（床位数、在住数、使用率）");

    public async Task<OccupancyDto> HandleAsync(long orgId, CancellationToken ct)
    {
        await access.InstitutionAsync(orgId, ct);
        var beds = await db.Set<InstitutionBed>().AsNoTracking().Where(b => b.OrganizationId == orgId)
            .GroupBy(b => b.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var occupied = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                              join b in db.Set<InstitutionBed>().AsNoTracking() on s.BedId equals b.Id
                              where s.OrganizationId == orgId && s.DischargedOn == null
                              group s by b.Kind into g
                              select new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var lines = Enum.GetValues<BedKind>().Select(k => Line(k,
            beds.FirstOrDefault(x => x.Kind == k)?.Count ?? 0, occupied.FirstOrDefault(x => x.Kind == k)?.Count ?? 0)).ToList();
        var all = lines.Sum(l => l.Beds);
        var used = lines.Sum(l => l.Occupied);
        // actual use after bed conversion (床位转换): the licensed kind unless converted
        var useRows = await (from b in db.Set<InstitutionBed>().AsNoTracking()
                             where b.OrganizationId == orgId
                             select new { Use = b.UseKind ?? b.Kind, Occupied = db.Set<InstitutionStay>().Any(s => s.BedId == b.Id && s.DischargedOn == null) })
            .ToListAsync(ct);
        var byUse = Enum.GetValues<BedKind>().Select(k => Line(k,
            useRows.Count(x => x.Use == k), useRows.Count(x => x.Use == k && x.Occupied))).ToList();
        return new OccupancyDto(orgId, all, used, Rate(used, all), lines, byUse);
    }

    private static decimal Rate(int occ, int total) => total == 0 ? 0 : Math.Round((decimal)occ / total, 4);

    private static OccupancyLine Line(BedKind k, int total, int occ) =>
        new(BedRules.KindCode(k), BedRules.KindName(k), total, occ, Rate(occ, total));
}
