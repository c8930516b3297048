using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.DailyCare;

/// <summary>住户照护清单: the checklist of one resident on a date, every due occurrence with its record.</summary>
public sealed class GetStayChecklist(YiyangDb db, AuditTrail audit, TimeProvider clock, DailyCareAccess access, DailyCarePlan plan)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/stays/{stayId:long}/checklist", async Task<Ok<StayChecklistDto>> (long stayId, DateOnly? date, GetStayChecklist handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(stayId, date, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("某位住户某日应做的照护计划项目（按频次分配到日期）及登记情况");

    public async Task<StayChecklistDto> HandleAsync(long stayId, DateOnly? date, CancellationToken ct)
    {
        var stay = await access.StayAsync(stayId, false, ct);
        var d = access.CheckDate(date);
        var dto = await BuildAsync(stay, d, ct);
        await audit.RecordAsync("daily-care.checklist.view", "stay", stay.Id.ToString(), stay.ElderId, d.ToString("yyyy-MM-dd"));
        return dto;
    }

    /// <summary>The checklist of a stay on a date (not audited: also the answer of a recording).</summary>
    public async Task<StayChecklistDto> BuildAsync(InstitutionStay stay, DateOnly d, CancellationToken ct)
    {
        var name = await db.Elders.AsNoTracking().Where(e => e.Id == stay.ElderId).Select(e => e.Name).FirstAsync(ct);
        var bed = await db.Set<InstitutionBed>().AsNoTracking().FirstAsync(b => b.Id == stay.BedId, ct);
        var items = (await plan.ItemsAsync(stay.OrganizationId, [stay.ElderId], ct))[stay.ElderId].ToList();
        var leave = await plan.LeaveOnAsync(stay, d, ct);
        var inStay = stay.AdmittedOn <= d && (stay.DischargedOn is null || stay.DischargedOn >= d);
        var records = await db.Set<DailyCareRecord>().AsNoTracking().Where(r => r.StayId == stay.Id && r.CareOn == d).ToListAsync(ct);
        var lines = leave is null && inStay ? Lines(items, records, d, clock.GetUtcNow()) : [];
        var done = records.Count(r => r.Status == CareStatus.Done);
        var notDone = records.Count(r => r.Status == CareStatus.NotDone);
        return new StayChecklistDto(stay.Id, stay.OrganizationId, stay.ElderId, Masking.Name(name), DailyCareAccess.Label(bed), d, leave is not null,
            leave is null ? null : LeaveRules.KindName(leave.Kind), items.Count > 0, lines.Count, done, notDone,
            Math.Max(0, lines.Count - lines.Count(l => l.Record is not null)), lines);
    }

    private static List<ChecklistItemDto> Lines(List<DueItem> items, List<DailyCareRecord> records, DateOnly d, DateTimeOffset now)
    {
        var lines = new List<ChecklistItemDto>();
        foreach (var i in items)
        {
            var n = DailyCarePlan.DueOn(i, d);
            for (var k = 1; k <= n; k++)
            {
                var rec = records.FirstOrDefault(r => r.PlanItemId == i.PlanItemId && r.Occurrence == k);
                lines.Add(new ChecklistItemDto(i.PlanItemId, i.ServiceCode, i.ServiceName, DailyCareRules.Describe(i.Count, i.Unit), k, n,
                    rec is null ? null : DailyCareAccess.ToDto(rec, now)));
            }
        }
        return lines;
    }
}
