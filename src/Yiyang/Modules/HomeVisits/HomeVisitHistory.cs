using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HomeVisits;

/// <summary>The 台账's last visit per elder: the local date of their last completed home visit.</summary>
public sealed class HomeVisitHistory(YiyangDb db) : IVisitHistory
{
    public async Task<IReadOnlyDictionary<long, DateOnly>> LastVisitDatesAsync(IReadOnlyCollection<long> elderIds, CancellationToken ct)
    {
        var result = new Dictionary<long, DateOnly>();
        foreach (var chunk in elderIds.Distinct().Chunk(1000))
        {
            var rows = await db.Set<HomeVisit>().AsNoTracking()
                .Where(v => chunk.Contains(v.ElderId) && v.Status == VisitStatus.Completed && v.CompletedOn != null)
                .GroupBy(v => v.ElderId)
                .Select(g => new { ElderId = g.Key, Last = g.Max(v => v.CompletedOn) })
                .ToListAsync(ct);
            foreach (var r in rows)
                if (r.Last is { } d) result[r.ElderId] = d;
        }
        return result;
    }
}
