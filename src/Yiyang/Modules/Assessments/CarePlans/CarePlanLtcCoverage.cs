using Microsoft.EntityFrameworkCore;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Billing;
using Yiyang.Platform.Data;

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
        var hits = await (
            from p in db.Set<CarePlan>().AsNoTracking()
            join i in db.Set<CarePlanItem>().AsNoTracking() on p.Id equals i.PlanId
            join a in db.Set<Assessment>().AsNoTracking() on p.AssessmentId equals a.Id
            where p.ElderId == elderId && i.ServiceCode == code && i.LtcCovered
                  && (p.Status == CarePlanStatus.Confirmed || (p.Status == CarePlanStatus.Ended && p.ConfirmedAt != null && p.EndedOn >= serviceDate))
                  && p.StartOn <= serviceDate
                  && i.StartOn <= serviceDate && (i.EndOn == null || i.EndOn >= serviceDate)
                  && (a.NextDue == null || a.NextDue >= serviceDate)
            orderby p.Status, p.Id descending
            select new { PlanId = p.Id, ItemId = i.Id, i.LineNo, i.ServiceName }).FirstOrDefaultAsync(ct);
        return hits is null ? null : new LtcPlanCover(hits.PlanId, hits.ItemId, Payer, $"长护险照护计划 第{hits.LineNo}项 {hits.ServiceName}");
    }
}
