using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Institutions;

/// <summary>
/// Immediate reassessment after a hospital discharge (docs/domain/assessments.md#reassessment-triggers): leaving a medical (医疗) bed of an integrated
/// institution with the reason 出院 is a discharge from in-patient care.
/// </summary>
public sealed class DischargeReassessmentTriggers(YiyangDb db) : IReassessmentTriggers
{
    public async Task<IReadOnlyList<ReassessmentTrigger>> ForEldersAsync(IQueryable<Elder> elders, DateOnly since, DateOnly before, CancellationToken ct)
    {
        var ids = elders.Select(e => e.Id);
        var rows = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                          join b in db.Set<InstitutionBed>().AsNoTracking() on s.BedId equals b.Id
                          where ids.Contains(s.ElderId) && b.Kind == BedKind.Medical && s.DischargeReason == DischargeReason.Discharged
                                && s.DischargedOn >= since && s.DischargedOn <= before
                          select new { s.ElderId, s.DischargedOn }).ToListAsync(ct);
        return rows.Select(r => new ReassessmentTrigger(r.ElderId, r.DischargedOn!.Value, "hospital-discharge", "医疗床位出院")).ToList();
    }
}
