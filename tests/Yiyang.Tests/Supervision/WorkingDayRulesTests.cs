using Yiyang.Modules.Supervision;
using Yiyang.Platform.Errors;

namespace Yiyang.Tests.Supervision;

/// <summary>Working-day arithmetic on the 2025 and 2026 calendars of the State Council General Office notices.</summary>
public sealed class WorkingDayRulesTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<DateOnly> Range(string from, string to)
    {
        for (var d = D(from); d <= D(to); d = d.AddDays(1)) yield return d;
    }

    internal static readonly YearCalendar Y2025 = new(2025,
        new[] { Range("2025-01-01", "2025-01-01"), Range("2025-01-28", "2025-02-04"), Range("2025-04-04", "2025-04-06"),
            Range("2025-05-01", "2025-05-05"), Range("2025-05-31", "2025-06-02"), Range("2025-10-01", "2025-10-08") }.SelectMany(x => x).ToHashSet(),
        new[] { "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11" }.Select(D).ToHashSet());

    internal static readonly YearCalendar Y2026 = new(2026,
        new[] { Range("2026-01-01", "2026-01-03"), Range("2026-02-15", "2026-02-23"), Range("2026-04-04", "2026-04-06"),
            Range("2026-05-01", "2026-05-05"), Range("2026-06-19", "2026-06-21"), Range("2026-09-25", "2026-09-27"),
            Range("2026-10-01", "2026-10-07") }.SelectMany(x => x).ToHashSet(),
        new[] { "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10" }.Select(D).ToHashSet());

    private static YearCalendar? Calendars(int year) => year switch { 2025 => Y2025, 2026 => Y2026, _ => null };

    private static string Add(string from, int days) => WorkingDayRules.Add(D(from), days, Calendars).ToString("yyyy-MM-dd");

    [Theory]
    [InlineData("2026-02-12", 1, "2026-02-13")] // Thursday → Friday
    [InlineData("2026-02-13", 1, "2026-02-14")] // the Saturday before the Spring Festival is a make-up working day
    [InlineData("2026-02-12", 3, "2026-02-24")] // Fri 13, Sat 14 (make-up), then the holiday 15–23: Tue 24
    [InlineData("2026-02-14", 1, "2026-02-24")]
    [InlineData("2026-02-24", 4, "2026-02-28")] // Wed 25 … Fri 27, Sat 28 is a make-up day
    [InlineData("2026-09-18", 1, "2026-09-20")] // Sat 19 is off, Sun 20 works (National Day make-up)
    [InlineData("2026-09-24", 1, "2026-09-28")] // Mid-Autumn 25–27
    [InlineData("2026-09-30", 1, "2026-10-08")] // National Day 1–7
    [InlineData("2026-09-30", 4, "2026-10-12")] // Thu 8, Fri 9, Sat 10 (make-up), Mon 12
    [InlineData("2026-03-07", 1, "2026-03-09")] // a plain weekend
    [InlineData("2026-03-09", 0, "2026-03-09")] // nothing to add: the start day itself
    [InlineData("2025-12-31", 1, "2026-01-04")] // across the new year: 1–3 January off, Sunday 4 January works
    [InlineData("2025-09-26", 2, "2025-09-29")] // Fri 26 → Sun 28 (make-up) → Mon 29
    [InlineData("2025-09-30", 1, "2025-10-09")] // National Day and Mid-Autumn together, 1–8 October
    public void Adding_working_days_skips_weekends_and_holidays_and_counts_make_up_days(string from, int days, string expected) =>
        Assert.Equal(expected, Add(from, days));

    [Fact]
    public void Twenty_working_days_from_the_Spring_Festival_eve_of_2026()
    {
        // 16 February is a holiday; 24 Feb – 20 March with Saturday 28 February counted
        Assert.Equal("2026-03-20", Add("2026-02-16", 20));
        var counted = 0;
        for (var d = D("2026-02-17"); d <= D("2026-03-20"); d = d.AddDays(1))
            if (WorkingDayRules.IsWorkingDay(d, Y2026)) counted++;
        Assert.Equal(20, counted);
    }

    [Theory]
    [InlineData("2026-02-14", true)]
    [InlineData("2026-02-16", false)]
    [InlineData("2026-10-10", true)]
    [InlineData("2026-10-11", false)]
    [InlineData("2026-10-08", true)]
    [InlineData("2026-06-19", false)]
    public void A_day_is_a_working_day_by_the_calendar(string date, bool working) =>
        Assert.Equal(working, WorkingDayRules.IsWorkingDay(D(date), Y2026));

    [Fact]
    public void A_year_without_a_calendar_is_an_error_not_a_weekend_count()
    {
        var e = Assert.Throws<BusinessRuleException>(() => Add("2026-12-30", 5));
        Assert.Equal("calendar-missing", e.Code);
        Assert.Contains("2027 年", e.Message);
        Assert.Equal("2026-12-31", Add("2026-12-30", 1)); // within the year it still counts
        Assert.Throws<BusinessRuleException>(() => Add("2024-06-03", 1));
    }
}
