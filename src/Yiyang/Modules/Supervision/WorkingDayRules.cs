namespace Yiyang.Modules.Supervision;

/// <summary>The holidays and make-up working days of one year (<see cref="WorkingDayCalendar"/>).</summary>
public sealed record YearCalendar(int Year, IReadOnlySet<DateOnly> Holidays, IReadOnlySet<DateOnly> MakeUpWorkdays);

/// <summary>
/// Working-day arithmetic (docs/domain/working-days.md): a working day is a make-up working day, or a Monday–Friday that
/// is not a holiday. Adding N working days does not count the start day. A year without a calendar is an error.
/// </summary>
public static class WorkingDayRules
{
    /// <summary>The most working days one deadline may count (well over a year).</summary>
    public const int MaxDays = 365;

    public static bool IsWorkingDay(DateOnly date, YearCalendar calendar) =>
        calendar.MakeUpWorkdays.Contains(date)
        || (!calendar.Holidays.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>The date <paramref name="days"/> working days after <paramref name="from"/> (0: <paramref name="from"/> itself).</summary>
    /// <param name="calendarOf">The calendar of a year, or null when the year has none (then <see cref="Missing"/> is thrown).</param>
    public static DateOnly Add(DateOnly from, int days, Func<int, YearCalendar?> calendarOf)
    {
        if (days is < 0 or > MaxDays) throw new ArgumentOutOfRangeException(nameof(days));
        var date = from;
        YearCalendar? calendar = null;
        for (var counted = 0; counted < days;)
        {
            if (date.Year >= 9999) throw Missing(9999);
            date = date.AddDays(1);
            if (calendar?.Year != date.Year) calendar = calendarOf(date.Year) ?? throw Missing(date.Year);
            if (IsWorkingDay(date, calendar)) counted++;
        }
        return date;
    }

    public static BusinessRuleException Missing(int year) => new("calendar-missing",
        $"{year} 年的节假日安排尚未录入，无法按工作日计算期限（不会只按周末推算）。请平台管理员先录入国务院办公厅公布的该年节假日和调休上班日。");
}
