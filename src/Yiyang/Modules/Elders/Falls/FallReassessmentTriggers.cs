using Yiyang.Modules.Assessments.Records;

namespace Yiyang.Modules.Elders.Falls;

/// <summary>Immediate reassessment after a fall (GB/T 42195 即时评估, docs/domain/assessments.md#reassessment-triggers): every recorded fall marks a change on its day.</summary>
public sealed class FallReassessmentTriggers(YiyangDb db) : IReassessmentTriggers
{
    public async Task<IReadOnlyList<ReassessmentTrigger>> ForEldersAsync(IQueryable<Elder> elders, DateOnly since, DateOnly before, CancellationToken ct)
    {
        var ids = elders.Select(e => e.Id);
        var rows = await db.Set<Fall>().AsNoTracking()
            .Where(f => ids.Contains(f.ElderId) && f.OccurredOn >= since && f.OccurredOn <= before)
            .Select(f => new { f.ElderId, f.OccurredOn, f.Injury })
            .ToListAsync(ct);
        return rows.Select(r => new ReassessmentTrigger(r.ElderId, r.OccurredOn, "fall",
            $"跌倒（{r.OccurredOn:yyyy-MM-dd}，损伤：{FallRules.Name(FallRules.Injuries, r.Injury)}）")).ToList();
    }
}
