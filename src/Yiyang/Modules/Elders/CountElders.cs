namespace Yiyang.Modules.Elders;

/// <summary>Counts for the home page, within the user's scope: elders per township and per risk flag, and those aged 80+.</summary>
public sealed class CountElders(YiyangDb db, CurrentUser user, RegionCatalog regions, TimeProvider clock)
{
    public async Task<ElderStats> HandleAsync(CancellationToken ct)
    {
        var groups = await ElderScope.Apply(db.Elders.AsNoTracking(), user)
            .GroupBy(e => new { e.TownshipCode, e.Flags })
            .Select(g => new { g.Key.TownshipCode, g.Key.Flags, Count = g.Count() })
            .ToListAsync(ct);
        var cutoff = clock.ChinaToday().AddYears(-80);
        var aged = await ElderScope.Apply(db.Elders.AsNoTracking(), user).CountAsync(e => e.BirthDate <= cutoff, ct);
        var byTownship = groups.GroupBy(g => g.TownshipCode).OrderBy(g => g.Key)
            .Select(g => (g.Key, regions.Find(g.Key)?.Name ?? g.Key, g.Sum(x => x.Count))).ToList();
        var byFlag = RiskFlagCatalog.All
            .Select(f => (f.Code, f.Name, groups.Where(g => g.Flags.HasFlag(f.Flag)).Sum(g => g.Count))).ToList();
        return new ElderStats(groups.Sum(g => g.Count), aged, byTownship, byFlag);
    }
}
