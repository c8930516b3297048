using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.DailyCare;

/// <summary>An item of a confirmed care plan that the institution provides, with its frequency and dates.</summary>
public sealed record DueItem(long PlanItemId, long ElderId, string ServiceCode, string ServiceName, int Count, string Unit, DateOnly StartOn, DateOnly? EndOn);

/// <summary>What is due for the residents: their care-plan items (<see cref="DailyCareRules"/>) and their leaves (外出).</summary>
public sealed class DailyCarePlan(YiyangDb db)
{
    /// <summary>
    /// Items of the elders' confirmed care plans that the institution provides (responsible organization = the institution);
    /// items of a family-doctor team or of another organization are recorded by their own modules.
    /// </summary>
    public async Task<ILookup<long, DueItem>> ItemsAsync(long orgId, IReadOnlyCollection<long> elderIds, CancellationToken ct)
    {
        var rows = await (from p in db.Set<CarePlan>().AsNoTracking()
                          join i in db.Set<CarePlanItem>().AsNoTracking() on p.Id equals i.PlanId
                          where p.Status == CarePlanStatus.Confirmed && elderIds.Contains(p.ElderId)
                                && i.ResponsibleKind == Responsible.Organization && i.ResponsibleOrganizationId == orgId
                          orderby i.LineNo
                          select new DueItem(i.Id, p.ElderId, i.ServiceCode, i.ServiceName, i.FrequencyCount, i.FrequencyUnit, i.StartOn, i.EndOn))
            .ToListAsync(ct);
        return rows.ToLookup(r => r.ElderId);
    }

    public static int DueOn(IEnumerable<DueItem> items, DateOnly date) =>
        items.Sum(i => DailyCareRules.DueOn(i.Count, i.Unit, i.StartOn, i.EndOn, date));

    public static int DueOn(DueItem i, DateOnly date) => DailyCareRules.DueOn(i.Count, i.Unit, i.StartOn, i.EndOn, date);

    public async Task<List<InstitutionLeave>> LeavesAsync(IReadOnlyCollection<long> stayIds, DateOnly from, DateOnly to, CancellationToken ct) =>
        await db.Set<InstitutionLeave>().AsNoTracking()
            .Where(l => stayIds.Contains(l.StayId) && l.StartOn <= to && (l.ReturnedOn == null || l.ReturnedOn > from)).ToListAsync(ct);

    public static InstitutionLeave? LeaveOn(IEnumerable<InstitutionLeave> leaves, long stayId, DateOnly date) =>
        leaves.FirstOrDefault(l => l.StayId == stayId && DailyCareRules.OnLeave(l.StartOn, l.ReturnedOn, date));

    /// <summary>The stay's leave on a date, if any.</summary>
    public async Task<InstitutionLeave?> LeaveOnAsync(InstitutionStay stay, DateOnly d, CancellationToken ct) =>
        LeaveOn(await LeavesAsync([stay.Id], d, d, ct), stay.Id, d);

    /// <summary>Done and not-done records per stay (and status) over a date range.</summary>
    public async Task<ILookup<long, (CareStatus Status, int Count)>> CountsAsync(IReadOnlyCollection<long> stayIds, DateOnly from, DateOnly to,
        CancellationToken ct) =>
        (await db.Set<DailyCareRecord>().AsNoTracking().Where(r => stayIds.Contains(r.StayId) && r.CareOn >= from && r.CareOn <= to)
            .GroupBy(r => new { r.StayId, r.Status }).Select(g => new { g.Key.StayId, g.Key.Status, Count = g.Count() }).ToListAsync(ct))
        .ToLookup(x => x.StayId, x => (x.Status, x.Count));
}
