namespace Yiyang.Modules.Supervision;

public sealed record CalendarDayDto(DateOnly Date, string Name);

public sealed record CalendarDto(int Year, string Source, IReadOnlyList<CalendarDayDto> Holidays, IReadOnlyList<CalendarDayDto> MakeUpDays,
    string UpdatedBy, DateTimeOffset UpdatedAt, int Version) : IVersioned;

public sealed record CalendarSummaryDto(int Year, string Source, int HolidayCount, int MakeUpDayCount, DateTimeOffset UpdatedAt, int Version);

public sealed record WorkingDayDto(DateOnly Date);
