using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.DailyCare;

/// <summary>机构照护清单: all residents of the institution on a date (today by default) with their due items and progress.</summary>
public sealed class GetInstitutionChecklist(YiyangDb db, AuditTrail audit, DailyCareAccess access, DailyCarePlan plan)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/institutions/{orgId:long}/checklist", async Task<Ok<InstitutionChecklistDto>> (long orgId, DateOnly? date,
                GetInstitutionChecklist handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(orgId, date, ct)))
            .ProducesProblems(400, 404)
            .WithSummary("机构某日（默认今天）照护清单：全部在住老人及应做 / 已完成 / 未完成 / 待办数；外出老人标为外出、无需登记");

    public async Task<InstitutionChecklistDto> HandleAsync(long orgId, DateOnly? date, CancellationToken ct)
    {
        await access.InstitutionAsync(orgId, DailyCarePolicies.Record, ct);
        var d = access.CheckDate(date);
        var stays = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                           join e in access.Elders() on s.ElderId equals e.Id
                           join b in db.Set<InstitutionBed>().AsNoTracking() on s.BedId equals b.Id
                           where s.OrganizationId == orgId && s.AdmittedOn <= d && (s.DischargedOn == null || s.DischargedOn >= d)
                           select new { s.Id, s.ElderId, e.Name, Bed = b }).ToListAsync(ct);
        var stayIds = stays.Select(s => s.Id).ToList();
        var items = await plan.ItemsAsync(orgId, stays.Select(s => s.ElderId).ToList(), ct);
        var leaves = await plan.LeavesAsync(stayIds, d, d, ct);
        var counts = await plan.CountsAsync(stayIds, d, d, ct);
        var residents = stays.OrderBy(s => s.Bed.Ward).ThenBy(s => s.Bed.Room).ThenBy(s => s.Bed.Number).Select(s =>
        {
            var leave = DailyCarePlan.LeaveOn(leaves, s.Id, d);
            var due = leave is null ? DailyCarePlan.DueOn(items[s.ElderId], d) : 0;
            var done = counts[s.Id].Where(c => c.Status == CareStatus.Done).Sum(c => c.Count);
            var notDone = counts[s.Id].Where(c => c.Status == CareStatus.NotDone).Sum(c => c.Count);
            return new ResidentProgressDto(s.Id, s.ElderId, Masking.Name(s.Name), DailyCareAccess.Label(s.Bed), leave is not null,
                leave is null ? null : LeaveRules.KindName(leave.Kind), due, done, notDone, Math.Max(0, due - done - notDone));
        }).ToList();
        await audit.RecordAsync("daily-care.checklist.institution", "organization", orgId.ToString(), null, d.ToString("yyyy-MM-dd"));
        return new InstitutionChecklistDto(orgId, d, residents.Sum(r => r.Due), residents.Sum(r => r.Done), residents.Sum(r => r.NotDone),
            residents.Sum(r => r.Pending), residents);
    }
}
