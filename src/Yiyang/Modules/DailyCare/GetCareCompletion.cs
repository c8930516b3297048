using Yiyang.Modules.Institutions;

namespace Yiyang.Modules.DailyCare;

/// <summary>
/// 照护完成率 per resident over a month (yyyy-MM; this month by default) for the institution's manager: occurrences due
/// on the days of the stay up to today, leave days excepted; done over due.
/// </summary>
public sealed class GetCareCompletion(YiyangDb db, AuditTrail audit, TimeProvider clock, DailyCareAccess access, DailyCarePlan plan)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/institutions/{orgId:long}/completion", async Task<Ok<CompletionDto>> (long orgId, string? month, GetCareCompletion handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(orgId, month, ct)))
            .RequireAuthorization(DailyCarePolicies.Stats)
            .ProducesProblems(400, 403, 404)
            .WithSummary("机构管理员：某月（yyyy-MM，默认本月）每位住户的照护完成率（已完成 / 应做，外出日不计）");

    public async Task<CompletionDto> HandleAsync(long orgId, string? month, CancellationToken ct)
    {
        await access.InstitutionAsync(orgId, DailyCarePolicies.Stats, ct);
        var today = clock.ChinaToday();
        var first = FirstDay(month, today);
        var last = first.AddMonths(1).AddDays(-1);
        var until = last < today ? last : today;
        var stays = await (from s in db.Set<InstitutionStay>().AsNoTracking()
                           join e in access.Elders() on s.ElderId equals e.Id
                           where s.OrganizationId == orgId && s.AdmittedOn <= until && (s.DischargedOn == null || s.DischargedOn >= first)
                           orderby s.Id
                           select new { Stay = s, e.Name }).ToListAsync(ct);
        var stayIds = stays.Select(s => s.Stay.Id).ToList();
        var items = await plan.ItemsAsync(orgId, stays.Select(s => s.Stay.ElderId).ToList(), ct);
        var leaves = await plan.LeavesAsync(stayIds, first, until, ct);
        var counts = await plan.CountsAsync(stayIds, first, until, ct);
        var rows = stays.Select(x =>
        {
            var s = x.Stay;
            var due = Due(s, first, until, items[s.ElderId], leaves);
            var done = counts[s.Id].Where(c => c.Status == CareStatus.Done).Sum(c => c.Count);
            var notDone = counts[s.Id].Where(c => c.Status == CareStatus.NotDone).Sum(c => c.Count);
            return new ResidentCompletionDto(s.Id, s.ElderId, Masking.Name(x.Name), due, done, notDone, Math.Max(0, due - done - notDone),
                DailyCareRules.Rate(done, due));
        }).ToList();
        await audit.RecordAsync("daily-care.completion.view", "organization", orgId.ToString(), null, first.ToString("yyyy-MM"));
        var allDue = rows.Sum(r => r.Due);
        var allDone = rows.Sum(r => r.Done);
        return new CompletionDto(orgId, first.ToString("yyyy-MM"), allDue, allDone, rows.Sum(r => r.NotDone), rows.Sum(r => r.Pending),
            DailyCareRules.Rate(allDone, allDue), rows);
    }

    /// <summary>The first day of the month asked for (this month when none); not a future month.</summary>
    private static DateOnly FirstDay(string? month, DateOnly today)
    {
        DateOnly first;
        if (string.IsNullOrWhiteSpace(month)) first = new DateOnly(today.Year, today.Month, 1);
        else if (!DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", out first))
            throw ValidationFailedException.For("month", "月份格式应为 yyyy-MM，例如 2026-11。");
        if (first > today) throw ValidationFailedException.For("month", "不能统计今天以后的月份。");
        return first;
    }

    /// <summary>Occurrences due on the stay's days of the range, leave days excepted.</summary>
    private static int Due(InstitutionStay s, DateOnly first, DateOnly until, IEnumerable<DueItem> items, List<InstitutionLeave> leaves)
    {
        var due = 0;
        var from = s.AdmittedOn > first ? s.AdmittedOn : first;
        var to = s.DischargedOn is { } o && o < until ? o : until;
        for (var d = from; d <= to; d = d.AddDays(1))
            if (DailyCarePlan.LeaveOn(leaves, s.Id, d) is null) due += DailyCarePlan.DueOn(items, d);
        return due;
    }
}
