namespace Yiyang.Modules.Supervision;

/// <summary>
/// The working-day calendar for every module: inject it to compute deadlines in 工作日 (docs/domain/working-days.md).
/// Reads each year's calendar once per request scope.
/// </summary>
public sealed class WorkingDays(YiyangDb db)
{
    private readonly Dictionary<int, YearCalendar?> _years = [];

    /// <summary>The date <paramref name="days"/> working days after <paramref name="from"/>; the start day is not counted.</summary>
    /// <exception cref="BusinessRuleException">A year on the way has no calendar (422, code <c>calendar-missing</c>).</exception>
    public async Task<DateOnly> AddWorkingDaysAsync(DateOnly from, int days, CancellationToken ct = default)
    {
        // load the years the count may reach (a year has well over 240 working days), then count in memory
        for (var y = from.Year; y <= Math.Min(9999, from.Year + 2 + days / 240); y++) await YearAsync(y, ct);
        return WorkingDayRules.Add(from, days, y => _years.TryGetValue(y, out var c) ? c : throw WorkingDayRules.Missing(y));
    }

    /// <summary>Whether the date is a working day.</summary>
    /// <exception cref="BusinessRuleException">The year has no calendar.</exception>
    public async Task<bool> IsWorkingDayAsync(DateOnly date, CancellationToken ct = default) =>
        WorkingDayRules.IsWorkingDay(date, await YearAsync(date.Year, ct) ?? throw WorkingDayRules.Missing(date.Year));

    /// <summary>The year's calendar, or null when none was entered.</summary>
    public async Task<YearCalendar?> YearAsync(int year, CancellationToken ct = default)
    {
        if (_years.TryGetValue(year, out var known)) return known;
        YearCalendar? calendar = null;
        if (await db.Set<WorkingDayCalendar>().AsNoTracking().AnyAsync(c => c.Year == year, ct))
        {
            var days = await db.Set<WorkingDayCalendarDay>().AsNoTracking().Where(d => d.Year == year).ToListAsync(ct);
            calendar = new YearCalendar(year,
                days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToHashSet(),
                days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date).ToHashSet());
        }
        _years[year] = calendar;
        return calendar;
    }

    /// <summary>Forgets what was read (after the calendar was edited in the same scope).</summary>
    public void Forget() => _years.Clear();
}
