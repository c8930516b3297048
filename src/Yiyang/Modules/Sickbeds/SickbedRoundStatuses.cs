using Yiyang.Modules.HomeVisits;

namespace Yiyang.Modules.Sickbeds;

/// <summary>The 查床 frequency of open sickbeds today (<see cref="SickbedRules.Evaluate"/>): the badge of the list, the alerts, the details.</summary>
public sealed class SickbedRoundStatuses(YiyangDb db, TimeProvider clock)
{
    private static WindowDto? W(RoundWindow? w) => w is null ? null : new WindowDto(w.StartsOn, w.EndsOn, w.Required, w.Done);

    public RoundStatusDto For(Sickbed s, IReadOnlyList<(DateOnly, int)> cycles, IEnumerable<DateOnly> completed)
    {
        var today = clock.ChinaToday();
        var c = SickbedRules.Evaluate(s.OpenedOn!.Value, cycles, today, completed);
        var last = c.LastComplete;
        return new RoundStatusDto(s.RoundsPerWeek ?? 1, c.Alert,
            c.Alert ? $"查床不足：{last!.StartsOn:M月d日}–{last.EndsOn:M月d日} 应至少 {last.Required} 次，实际完成 {last.Done} 次。" : null,
            W(last), W(c.Current), c.ShortWindows, SickbedRules.CycleEnded(s.CycleEndsOn!.Value, today));
    }

    /// <summary>Completed round dates and cycles of the given open sickbeds, for the frequency rule.</summary>
    public async Task<Dictionary<long, RoundStatusDto>> ForAsync(IReadOnlyList<Sickbed> open, CancellationToken ct)
    {
        var result = new Dictionary<long, RoundStatusDto>();
        foreach (var chunk in open.Chunk(500))
        {
            var ids = chunk.Select(s => s.Id).ToList();
            var done = (await (from r in db.Set<SickbedRound>().AsNoTracking()
                               join v in db.Set<HomeVisit>().AsNoTracking() on r.VisitId equals v.Id
                               where ids.Contains(r.SickbedId) && v.Status == VisitStatus.Completed && v.CompletedOn != null
                               select new { r.SickbedId, v.CompletedOn }).ToListAsync(ct))
                .ToLookup(x => x.SickbedId, x => x.CompletedOn!.Value);
            var cycles = (await db.Set<SickbedCycle>().AsNoTracking().Where(c => ids.Contains(c.SickbedId)).ToListAsync(ct))
                .ToLookup(c => c.SickbedId, c => (c.StartsOn, c.RoundsPerWeek));
            foreach (var s in chunk) result[s.Id] = For(s, cycles[s.Id].ToList(), done[s.Id]);
        }
        return result;
    }
}
