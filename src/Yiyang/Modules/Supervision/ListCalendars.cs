namespace Yiyang.Modules.Supervision;

/// <summary>节假日安排一览: the years that have a calendar, newest first.</summary>
public sealed class ListCalendars(YiyangDb db)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/calendars", async Task<Ok<IReadOnlyList<CalendarSummaryDto>>> (ListCalendars handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithSummary("已录入节假日安排的年份（新到旧），含来源和天数");

    public async Task<IReadOnlyList<CalendarSummaryDto>> HandleAsync(CancellationToken ct)
    {
        var years = await db.Set<WorkingDayCalendar>().AsNoTracking().OrderByDescending(c => c.Year).ToListAsync(ct);
        var counts = await db.Set<WorkingDayCalendarDay>().AsNoTracking().GroupBy(d => new { d.Year, d.Kind })
            .Select(g => new { g.Key.Year, g.Key.Kind, Count = g.Count() }).ToListAsync(ct);
        int Count(int year, CalendarDayKind kind) => counts.FirstOrDefault(c => c.Year == year && c.Kind == kind)?.Count ?? 0;
        return [.. years.Select(c => new CalendarSummaryDto(c.Year, c.Source, Count(c.Year, CalendarDayKind.Holiday),
            Count(c.Year, CalendarDayKind.MakeUpWorkday), c.UpdatedAt, c.Version))];
    }
}
