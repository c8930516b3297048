using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HomeVisits;

/// <summary>
/// The work list of a day for the user's organization (the city operator names one, or sees all in scope): the visits
/// planned for that day, and the 台账 elders the organization is responsible for whose last completed visit is older
/// than <see cref="HomeCareOptions.LedgerIntervalDays"/> or who were never visited (overdue).
/// </summary>
public sealed class GetWorkList(
    YiyangDb db, CurrentUser user, HomeVisitAccess access, AuditTrail audit, TimeProvider clock, IVisitHistory history,
    IOptions<ElderOptions> elderOptions, IOptions<HomeCareOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/worklist", async Task<Ok<WorkList>> ([FromQuery] DateOnly? date, [FromQuery] long? organizationId, GetWorkList handler,
                CareSummary.WorkListReminderService reminders, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(date, organizationId, ct) with { Reminders = await reminders.ForAsync(organizationId, ct) }))
            .WithSummary("团队工作清单：当天计划的上门服务 + 超过台账随访间隔（HomeCare:LedgerIntervalDays）未上门的台账老人 + reminders（到期/逾期复评、今年未做健康体检的 65 岁及以上老人）");

    public async Task<WorkList> HandleAsync(DateOnly? date, long? organizationId, CancellationToken ct)
    {
        var day = date ?? clock.ChinaToday();
        long? org = access.IsStaff ? user.OrganizationId : organizationId;
        var visits = access.Scoped().AsNoTracking().Where(v => v.PlannedDate == day);
        if (org is { } o) visits = visits.Where(v => v.OrganizationId == o);
        var items = (await HomeVisitMapping.ListItemsAsync(db, visits.OrderBy(v => v.Status).ThenBy(v => v.Id).Take(500), ct))
            .OrderBy(i => i.Status == "completed").ThenBy(i => i.Id).ToList();
        var interval = Math.Max(1, options.Value.LedgerIntervalDays);
        var overdue = await OverdueAsync(org, interval, ct);
        await audit.RecordListAsync("homecare.worklist.view", "organization", org?.ToString(), 1,
            items.Select(i => i.ElderId).Concat(overdue.Select(o => o.ElderId)), $"day={day:yyyy-MM-dd}; visits={items.Count}; overdue={overdue.Count}");
        return new WorkList(day, org, interval, items, overdue);
    }

    /// <summary>The organization's 台账 elders not visited within the interval, never-visited first.</summary>
    private async Task<List<OverdueElder>> OverdueAsync(long? org, int interval, CancellationToken ct)
    {
        var bits = elderOptions.Value.LedgerFlags.Select(c => RiskFlagCatalog.Parse(c) ?? RiskFlags.None).Aggregate(RiskFlags.None, (a, b) => a | b);
        var mask = (int)bits;
        var today = clock.ChinaToday();
        var cutoff80 = today.AddYears(-80);
        var includeAge = bits.HasFlag(RiskFlags.OldestOld);
        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user)
            .Where(e => ((int)e.Flags & mask) != 0 || (includeAge && e.BirthDate <= cutoff80));
        if (org is { } o) elders = elders.Where(e => e.ResponsibleOrganizationId == o);
        var ledger = await elders.OrderBy(e => e.TownshipCode).ThenBy(e => e.Name).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Name, e.TownshipCode }).Take(5000).ToListAsync(ct);
        var last = await history.LastVisitDatesAsync(ledger.Select(e => e.Id).ToList(), ct);
        return ledger
            .Select(e => (e, lv: last.TryGetValue(e.Id, out var d) ? d : (DateOnly?)null))
            .Where(x => VisitRules.IsOverdue(x.lv, today, interval))
            .Select(x => new OverdueElder(x.e.Id, x.e.Name, x.e.TownshipCode, x.lv, x.lv is { } l ? today.DayNumber - l.DayNumber : null))
            .OrderBy(x => x.LastVisit.HasValue).ThenBy(x => x.LastVisit).Take(500).ToList();
    }
}
