using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>
/// 需复评的老年人: elders in scope (under a region) whose latest signed GB/T 42195 / 长护险 assessment is due on or before
/// a date (default today) or overdue, who have none while flagged 失能/失智, or who had a marked change after it
/// (<see cref="IReassessmentTriggers"/>). Overdue first.
/// </summary>
public sealed class ListDueAssessments(
    YiyangDb db, CurrentUser user, RegionCatalog regions, AuditTrail audit, TimeProvider clock, AssessmentAccess access,
    IEnumerable<IReassessmentTriggers> triggers)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/due", async Task<Ok<DueList>> ([FromQuery] string? regionCode, [FromQuery] DateOnly? before, ListDueAssessments handler,
                CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(regionCode, before, ct)))
            .ProducesProblems(400)
            .WithSummary("需复评的老年人：最近一次已签署的能力评估到期或逾期，失能/失智但从未评估，或有需即时评估的变化");

    public async Task<DueList> HandleAsync(string? regionCode, DateOnly? before, CancellationToken ct)
    {
        var today = clock.ChinaToday();
        var until = before ?? today;
        var code = string.IsNullOrWhiteSpace(regionCode) ? null : regionCode.Trim();
        if (code is not null && regions.Find(code) is null) throw ValidationFailedException.For("regionCode", "行政区划代码不存在。");
        if (until > today.AddYears(2)) throw ValidationFailedException.For("before", "截止日期最多为两年后。");

        var elders = ElderScope.Apply(db.Elders.AsNoTracking(), user);
        if (code is not null)
            elders = code.Length >= 9 ? elders.Where(e => e.TownshipCode == code) : elders.Where(e => e.TownshipCode.StartsWith(code));
        var mask = (int)ReassessmentRules.NeedsAssessment;
        var candidates = await Candidates(elders)
            .Where(x => (x.NextDue != null && x.NextDue <= until) || (x.NextDue == null && ((int)x.Flags & mask) != 0))
            .OrderBy(x => x.NextDue).ThenBy(x => x.Id)
            .Take(2000)
            .ToListAsync(ct);

        var changes = new List<ReassessmentTrigger>();
        foreach (var t in triggers)
            changes.AddRange(await t.ForEldersAsync(elders, until.AddMonths(-access.Months), until, ct));
        var extra = changes.Select(t => t.ElderId).Distinct().Except(candidates.Select(c => c.Id)).ToList();
        if (extra.Count > 0) candidates.AddRange(await Candidates(elders.Where(e => extra.Contains(e.Id))).ToListAsync(ct));
        var entries = Classify(candidates, changes, until, today);
        var lastIds = await LatestIdsAsync(entries.Where(e => e.LastAssessedOn is not null).Select(e => e.ElderId).ToList(), ct);
        entries = entries.Select(e => e with { LastAssessmentId = lastIds.GetValueOrDefault(e.ElderId) })
            .OrderByDescending(e => e.Kind == "triggered").ThenBy(e => e.NextDue ?? DateOnly.MinValue).ThenBy(e => e.ElderId).ToList();
        await audit.RecordListAsync("assessments.due.view", "region", code ?? user.RegionCode, 1, entries.Select(e => e.ElderId), $"before={until:yyyy-MM-dd}");
        return new DueList(until, access.Months, entries, entries.Count);
    }

    private IQueryable<Assessment> PeriodicSigned()
    {
        var periodic = ReassessmentRules.Periodic.ToList();
        return access.Effective(db.Set<Assessment>().AsNoTracking()).Where(a => a.NextDue != null && periodic.Contains(a.InstrumentCode));
    }

    private IQueryable<DueCandidate> Candidates(IQueryable<Elder> q)
    {
        var signed = PeriodicSigned();
        return q.Select(e => new DueCandidate
        {
            Id = e.Id,
            Name = e.Name,
            TownshipCode = e.TownshipCode,
            Flags = e.Flags,
            NextDue = signed.Where(a => a.ElderId == e.Id).Max(a => a.NextDue),
            LastOn = signed.Where(a => a.ElderId == e.Id).Max(a => (DateOnly?)a.AssessedOn),
        });
    }

    private List<DueEntry> Classify(List<DueCandidate> candidates, List<ReassessmentTrigger> changes, DateOnly until, DateOnly today)
    {
        var entries = new List<DueEntry>();
        foreach (var c in candidates)
        {
            var change = changes.Where(t => t.ElderId == c.Id).MaxBy(t => t.On);
            if (ReassessmentRules.Classify(c.NextDue, c.LastOn, c.Flags, change?.On, until, today) is { } kind)
                entries.Add(new DueEntry(c.Id, c.Name, c.TownshipCode, regions.Find(c.TownshipCode)?.Name ?? c.TownshipCode,
                    RiskFlagCatalog.Names(c.Flags), ReassessmentRules.Code(kind), ReassessmentRules.Name(kind), c.NextDue, c.LastOn, null,
                    kind == DueKind.Triggered ? change?.Description : null));
        }
        return entries;
    }

    private sealed class DueCandidate
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string TownshipCode { get; init; } = "";
        public RiskFlags Flags { get; init; }
        public DateOnly? NextDue { get; init; }
        public DateOnly? LastOn { get; init; }
    }

    private async Task<Dictionary<long, long?>> LatestIdsAsync(List<long> elderIds, CancellationToken ct)
    {
        if (elderIds.Count == 0) return [];
        var periodic = ReassessmentRules.Periodic.ToList();
        var rows = await access.Effective(db.Set<Assessment>().AsNoTracking())
            .Where(a => elderIds.Contains(a.ElderId) && periodic.Contains(a.InstrumentCode))
            .Select(a => new { a.ElderId, a.Id, a.AssessedOn }).ToListAsync(ct);
        return rows.GroupBy(r => r.ElderId).ToDictionary(g => g.Key, g => (long?)g.MaxBy(r => (r.AssessedOn, r.Id))!.Id);
    }
}
