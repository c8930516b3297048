using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Sickbeds;

/// <summary>
/// Immediate reassessment after a new diagnosis (docs/domain/assessments.md#reassessment-triggers): a family-sickbed application records an ICD-10
/// diagnosis; a sickbed that was approved or opened on it marks the change on its application date.
/// </summary>
public sealed class SickbedReassessmentTriggers(YiyangDb db) : IReassessmentTriggers
{
    public async Task<IReadOnlyList<ReassessmentTrigger>> ForEldersAsync(IQueryable<Elder> elders, DateOnly since, DateOnly before, CancellationToken ct)
    {
        var ids = elders.Select(e => e.Id);
        var rows = await db.Set<Sickbed>().AsNoTracking()
            .Where(s => ids.Contains(s.ElderId) && s.AppliedOn >= since && s.AppliedOn <= before && s.Status != SickbedStatus.Rejected)
            .Select(s => new { s.ElderId, s.AppliedOn, s.DiagnosisCode, s.DiagnosisName })
            .ToListAsync(ct);
        return rows.Select(r => new ReassessmentTrigger(r.ElderId, r.AppliedOn, "new-diagnosis",
            $"新诊断（家庭病床）：{r.DiagnosisCode} {r.DiagnosisName}")).ToList();
    }
}
