namespace Yiyang.Modules.HomeVisits;

/// <summary>近期异常体征: the abnormal vitals of an elder's visits in the last 90 days, for the elder's page (within the user's scope).</summary>
public sealed class RecentVitalBreaches(YiyangDb db, HomeVisitAccess access, TimeProvider clock)
{
    public const int Days = 90;

    public async Task<IReadOnlyList<RecentBreachDto>> ForElderAsync(long elderId, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-Days);
        return await (from b in db.Set<HomeVisitVitalBreach>().AsNoTracking()
                      join v in access.Scoped().AsNoTracking() on b.VisitId equals v.Id
                      where b.ElderId == elderId && b.Active && b.AlertedAt >= since
                      orderby b.AlertedAt descending, b.Id
                      select new RecentBreachDto(v.Id, v.PlannedDate, b.Field, b.Text, b.AlertedAt)).Take(20).ToListAsync(ct);
    }
}
