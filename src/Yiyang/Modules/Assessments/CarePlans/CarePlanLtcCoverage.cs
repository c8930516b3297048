using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Billing;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// The care-plan side of the billing seam (<see cref="ILtcPlanCoverage"/>): a service is covered by long-term-care
/// insurance on a date when the elder's plan in force that day — the confirmed plan, or a plan ended on or after that day
/// (it was in force then) — has an item marked <c>ltcCovered</c> with that service code whose dates include the day, and
/// the assessment behind the plan was valid (its reassessment date not passed) on that day. Drafts never cover.
/// Reads only; no scope filter (billing runs for the visit's elder).
/// </summary>
public sealed class CarePlanLtcCoverage(YiyangDb db) : ILtcPlanCoverage
{
    public const string Payer = "ltc";

    public async Task<LtcPlanCover?> FindAsync(long elderId, string serviceCode, DateOnly serviceDate, CancellationToken ct)
    {
        var code = (serviceCode ?? "").Trim();
        if (code.Length == 0) return null;
        return (await FindManyAsync(elderId, [code], serviceDate, ct)).GetValueOrDefault(code);
    }

    /// <summary>Every service's cover in one query: per code, the confirmed plan first, then the newest plan.</summary>
    public async Task<IReadOnlyDictionary<string, LtcPlanCover>> FindManyAsync(long elderId, IReadOnlyCollection<string> serviceCodes,
        DateOnly serviceDate, CancellationToken ct)
    {
        var codes = serviceCodes.Select(c => (c ?? "").Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0) return new Dictionary<string, LtcPlanCover>();
        var hits = await (
            from p in db.Set<CarePlan>().AsNoTracking()
            join i in db.Set<CarePlanItem>().AsNoTracking() on p.Id equals i.PlanId
            join a in db.Set<Assessment>().AsNoTracking() on p.AssessmentId equals a.Id
            where p.ElderId == elderId && codes.Contains(i.ServiceCode) && i.LtcCovered
                  && (p.Status == CarePlanStatus.Confirmed || (p.Status == CarePlanStatus.Ended && p.ConfirmedAt != null && p.EndedOn >= serviceDate))
                  && p.StartOn <= serviceDate
                  && i.StartOn <= serviceDate && (i.EndOn == null || i.EndOn >= serviceDate)
                  && (a.NextDue == null || a.NextDue >= serviceDate)
            select new { i.ServiceCode, p.Status, PlanId = p.Id, ItemId = i.Id, i.LineNo, i.ServiceName }).ToListAsync(ct);
        // the rule of the single lookup, per code: the confirmed plan before an ended one, then the newest plan; within a
        // plan, the first matching item (lowest id)
        return hits.GroupBy(h => h.ServiceCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                var h = g.OrderBy(x => x.Status).ThenByDescending(x => x.PlanId).ThenBy(x => x.ItemId).First();
                return new LtcPlanCover(h.PlanId, h.ItemId, Payer, $"长护险照护计划 第{h.LineNo}项 {h.ServiceName}");
            }, StringComparer.Ordinal);
    }
}
