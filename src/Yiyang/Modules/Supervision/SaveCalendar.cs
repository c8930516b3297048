namespace Yiyang.Modules.Supervision;

public sealed record CalendarDayInput(DateOnly? Date, string? Name);

public sealed record CalendarInput(string? Source, IReadOnlyList<CalendarDayInput?>? Holidays, IReadOnlyList<CalendarDayInput?>? MakeUpDays, int? Version);

/// <summary>
/// 录入/更正节假日安排 (the platform admin): a year's holidays and make-up working days as the year's notice announces
/// them, with the notice as source. The first save of a year creates it (201); later saves replace its days and need the
/// version (If-Match or <c>version</c>; 412/409 when stale). Make-up working days are Saturdays or Sundays.
/// </summary>
public sealed class SaveCalendar(YiyangDb db, CurrentUser user, TimeProvider clock, AuditTrail audit, WorkingDays workingDays)
{
    public const int MaxHolidays = 60;
    public const int MaxMakeUpDays = 20;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/calendars/{year:int}", async Task<Results<Created<CalendarDto>, Ok<CalendarDto>>> (int year, CalendarInput input, IfMatch ifMatch,
                SaveCalendar handler, CancellationToken ct) =>
            {
                var (calendar, created) = await handler.HandleAsync(year, input, ifMatch.Version, ct);
                return created ? TypedResults.Created($"/api/working-days/calendars/{year}", calendar) : TypedResults.Ok(calendar);
            })
            .RequireAuthorization(SupervisionPolicies.ManageCalendar)
            .ProducesProblems(400, 403, 409, 412)
            .WithSummary("录入或更正某年的法定节假日和调休上班日（平台管理员）：首次录入 201；更正须带版本（If-Match）");

    public async Task<(CalendarDto Calendar, bool Created)> HandleAsync(int year, CalendarInput input, int? ifMatch, CancellationToken ct)
    {
        user.Demand(SupervisionPolicies.ManageCalendar);
        var (source, holidays, makeUps) = Validate(year, input);
        var c = await db.Set<WorkingDayCalendar>().FirstOrDefaultAsync(x => x.Year == year, ct);
        var created = c is null;
        if (c is null)
        {
            c = new WorkingDayCalendar { Year = year, Source = source, UpdatedByUser = user.UserName };
            db.Add(c);
        }
        else
        {
            Etags.CheckVersion(c.Version, ifMatch, input.Version);
            await db.Set<WorkingDayCalendarDay>().Where(d => d.Year == year).ExecuteDeleteAsync(ct);
            c.Source = source;
            c.UpdatedByUser = user.UserName;
        }
        c.UpdatedAt = clock.GetUtcNow();
        c.Version++;
        var days = holidays.Select(d => Day(year, d, CalendarDayKind.Holiday)).Concat(makeUps.Select(d => Day(year, d, CalendarDayKind.MakeUpWorkday))).ToList();
        db.AddRange(days);
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("calendar-exists", $"{year} 年的节假日安排刚被他人录入，请刷新后再改。"));
        await audit.RecordAsync(created ? "supervision.calendar.create" : "supervision.calendar.update", "working-day-calendar",
            year.ToString(System.Globalization.CultureInfo.InvariantCulture), detail: $"holidays={holidays.Count}; makeUpDays={makeUps.Count}; version={c.Version}");
        workingDays.Forget();
        return (GetCalendar.ToDto(c, days), created);
    }

    private static WorkingDayCalendarDay Day(int year, (DateOnly Date, string Name) d, CalendarDayKind kind) =>
        new() { Year = year, Date = d.Date, Kind = kind, Name = d.Name };

    private static (string Source, List<(DateOnly Date, string Name)> Holidays, List<(DateOnly Date, string Name)> MakeUps) Validate(int year, CalendarInput input)
    {
        var errors = new FieldErrors();
        if (year is < 2000 or > 2100) throw ValidationFailedException.For("year", "年份应为 2000–2100。");
        var source = (input.Source ?? "").Trim();
        if (source.Length is 0 or > 200) errors.Add("source", "请填写依据（国务院办公厅通知的标题和日期，最多 200 个字）。");
        var holidays = Days(errors, "holidays", input.Holidays, year, MaxHolidays, "法定节假日");
        var makeUps = Days(errors, "makeUpDays", input.MakeUpDays, year, MaxMakeUpDays, "调休上班日");
        foreach (var d in makeUps.Where(d => d.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))
            errors.Add("makeUpDays", $"{d.Date:yyyy-MM-dd} 不是周六或周日：调休上班日只会是周末。");
        foreach (var d in makeUps.Where(m => holidays.Any(h => h.Date == m.Date)))
            errors.Add("makeUpDays", $"{d.Date:yyyy-MM-dd} 同时是节假日和调休上班日。");
        errors.ThrowIfAny();
        return (source, holidays, makeUps);
    }

    private static List<(DateOnly Date, string Name)> Days(FieldErrors errors, string field, IReadOnlyList<CalendarDayInput?>? input, int year, int max, string what)
    {
        var list = new List<(DateOnly, string)>();
        if (input is null) return list;
        if (input.Count > max)
        {
            errors.Add(field, $"{what}最多 {max} 天。");
            return list;
        }
        foreach (var d in input)
        {
            var name = (d?.Name ?? "").Trim();
            if (d?.Date is not { } date) errors.Add(field, $"每个{what}都须有日期（YYYY-MM-DD）。");
            else if (date.Year != year) errors.Add(field, $"{date:yyyy-MM-dd} 不在 {year} 年内。");
            else if (name.Length is 0 or > 20) errors.Add(field, $"{date:yyyy-MM-dd} 须注明节日名称（最多 20 个字）。");
            else if (list.Any(x => x.Item1 == date)) errors.Add(field, $"{date:yyyy-MM-dd} 重复。");
            else list.Add((date, name));
        }
        return list;
    }
}
