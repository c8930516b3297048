namespace Yiyang.Modules.Supervision;

/// <summary>一年的节假日安排: its holidays and make-up working days, with the notice they come from.</summary>
public sealed class GetCalendar(YiyangDb db)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/calendars/{year:int}", async Task<Ok<CalendarDto>> (int year, GetCalendar handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(year, ct)))
            .ProducesProblems(404)
            .WithSummary("某年的法定节假日和调休上班日（未录入时 404）");

    public async Task<CalendarDto> HandleAsync(int year, CancellationToken ct) =>
        await FindAsync(year, ct) ?? throw new NotFoundException($"{year} 年的节假日安排尚未录入。");

    public async Task<CalendarDto?> FindAsync(int year, CancellationToken ct)
    {
        var c = await db.Set<WorkingDayCalendar>().AsNoTracking().FirstOrDefaultAsync(x => x.Year == year, ct);
        if (c is null) return null;
        var days = await db.Set<WorkingDayCalendarDay>().AsNoTracking().Where(d => d.Year == year).ToListAsync(ct);
        return ToDto(c, days);
    }

    public static CalendarDto ToDto(WorkingDayCalendar c, IEnumerable<WorkingDayCalendarDay> days)
    {
        var list = days.OrderBy(d => d.Date).ToList();
        return new CalendarDto(c.Year, c.Source,
            [.. list.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => new CalendarDayDto(d.Date, d.Name))],
            [.. list.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => new CalendarDayDto(d.Date, d.Name))],
            c.UpdatedByUser, c.UpdatedAt, c.Version);
    }
}
