namespace Yiyang.Modules.Targets;

/// <summary>A task with its computed status.</summary>
public sealed record PolicyTaskDto(long Id, string RegionCode, string RegionName, int Number, string Text, string SeedReference, string LeadBureau,
    string LeadBureauName, string Units, DateOnly? Deadline, IReadOnlyList<PolicyTaskMilestoneDto> Milestones,
    IReadOnlyList<PolicyTaskIndicatorDto> Indicators, string Status, string StatusName, DateTimeOffset? LastReportAt, DateOnly NextReportDue);

public sealed record PolicyTaskMilestoneDto(int Year, string Text);

/// <summary>A linked indicator with this year's value against its target in the task's region.</summary>
public sealed record PolicyTaskIndicatorDto(string Code, string Name, decimal? Value, decimal? Target, bool? Met);

/// <summary>Reads tasks of the user's region and computes their status (<see cref="PolicyTaskRules.Status"/>).</summary>
public sealed class PolicyTaskBoard(YiyangDb db, CurrentUser user, RegionCatalog regions, IndicatorEvaluator evaluator, TimeProvider clock)
{
    /// <summary>The tasks of regions within <paramref name="regionCode"/> (default: the user's region), or one task by id.</summary>
    public async Task<List<PolicyTaskDto>> LoadAsync(string? regionCode, long? id, CancellationToken ct)
    {
        var q = db.Set<PolicyTask>().AsNoTracking();
        if (id is { } one) q = q.Where(t => t.Id == one);
        else
        {
            var period = evaluator.Period(regionCode, null); // validates the region and the user's reach
            q = q.Where(t => t.RegionCode.StartsWith(period.RegionCode) || period.RegionCode.StartsWith(t.RegionCode));
        }
        var region = user.RegionCode ?? "";
        var tasks = (await q.OrderBy(t => t.RegionCode).ThenBy(t => t.Number).ToListAsync(ct))
            .Where(t => region.Length > 0 && (t.RegionCode.StartsWith(region, StringComparison.Ordinal) || region.StartsWith(t.RegionCode, StringComparison.Ordinal)))
            .ToList();
        var ids = tasks.Select(t => t.Id).ToList();
        var milestones = (await db.Set<PolicyTaskMilestone>().AsNoTracking().Where(m => ids.Contains(m.TaskId)).ToListAsync(ct)).ToLookup(m => m.TaskId);
        var links = (await db.Set<PolicyTaskIndicator>().AsNoTracking().Where(m => ids.Contains(m.TaskId)).ToListAsync(ct)).ToLookup(m => m.TaskId);
        var reports = (await db.Set<PolicyTaskReport>().AsNoTracking().Where(r => ids.Contains(r.TaskId))
            .Select(r => new { r.TaskId, r.FiledAt, r.Done }).ToListAsync(ct)).ToLookup(r => r.TaskId);
        var today = clock.ChinaToday();
        var values = new Dictionary<(string, string), IndicatorValue>();
        var result = new List<PolicyTaskDto>();
        foreach (var t in tasks)
        {
            var linked = new List<PolicyTaskIndicatorDto>();
            foreach (var l in links[t.Id])
            {
                if (evaluator.Catalog.Find(l.IndicatorCode) is not { } indicator) continue;
                var key = (l.IndicatorCode, t.RegionCode);
                if (!values.TryGetValue(key, out var v))
                    values[key] = v = await evaluator.EvaluateAsync(indicator, new IndicatorPeriod(t.RegionCode, today.Year, today), ct, breakdown: false);
                linked.Add(new PolicyTaskIndicatorDto(v.Code, v.Name, v.Value, v.Target, v.Met));
            }
            var last = reports[t.Id].OrderByDescending(r => r.FiledAt).FirstOrDefault();
            var lastOn = last?.FiledAt.ChinaDate();
            var ms = milestones[t.Id].OrderBy(m => m.Year).ToList();
            var status = PolicyTaskRules.Status(today, t.Deadline, ms.Count > 0 ? ms[^1].Year : null, t.ReportEveryMonths, lastOn,
                reports[t.Id].Any(r => r.Done), t.CreatedAt.ChinaDate(), [.. linked.Select(i => i.Met)]);
            result.Add(new PolicyTaskDto(t.Id, t.RegionCode, regions.FullName(t.RegionCode), t.Number, t.Text, t.SeedReference, t.LeadBureau,
                Bureaus.DisplayName(t.LeadBureau), t.Units, t.Deadline, [.. ms.Select(m => new PolicyTaskMilestoneDto(m.Year, m.Text))], linked,
                PolicyTaskRules.Code(status), PolicyTaskRules.Name(status), last?.FiledAt,
                (lastOn ?? t.CreatedAt.ChinaDate()).AddMonths(t.ReportEveryMonths)));
        }
        return result;
    }
}
