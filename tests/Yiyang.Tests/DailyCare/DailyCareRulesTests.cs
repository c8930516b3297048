using Yiyang.Modules.DailyCare;

namespace Yiyang.Tests.DailyCare;

public sealed class DailyCareRulesTests
{
    // 2026-11-23 is a Monday
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static int[] Week(int count) => Enumerable.Range(0, 7).Select(i => DailyCareRules.OccurrencesOn(count, "week", Monday.AddDays(i))).ToArray();

    [Fact]
    public void Weekly_frequencies_are_spread_over_the_week_from_monday()
    {
        Assert.Equal([1, 0, 0, 0, 0, 0, 0], Week(1));
        Assert.Equal([1, 0, 0, 1, 0, 0, 0], Week(2));   // Monday, Thursday
        Assert.Equal([1, 0, 1, 0, 1, 0, 0], Week(3));   // Monday, Wednesday, Friday
        Assert.Equal([1, 1, 1, 0, 1, 1, 0], Week(5));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1], Week(7));   // 每日
        Assert.Equal([2, 2, 2, 2, 2, 2, 2], Week(14));  // 每日两次
        // the next week repeats
        Assert.Equal(1, DailyCareRules.OccurrencesOn(3, "week", Monday.AddDays(7)));
        Assert.Equal(0, DailyCareRules.OccurrencesOn(3, "week", Monday.AddDays(8)));
    }

    [Fact]
    public void Monthly_frequencies_are_spread_over_the_month_from_the_first()
    {
        int[] Month(int count, int year, int month) =>
            Enumerable.Range(1, DateTime.DaysInMonth(year, month)).Select(d => DailyCareRules.OccurrencesOn(count, "month", new DateOnly(year, month, d))).ToArray();
        var once = Month(1, 2026, 11);
        Assert.Equal(1, once[0]);
        Assert.Equal(1, once.Sum());
        var twice = Month(2, 2026, 11); // 30 days: the 1st and the 16th
        Assert.Equal([1, 16], twice.Select((n, i) => (n, day: i + 1)).Where(x => x.n == 1).Select(x => x.day));
        var four = Month(4, 2026, 11); // 30 days: 1st, 8th, 16th, 23rd
        Assert.Equal([1, 8, 16, 23], four.Select((n, i) => (n, day: i + 1)).Where(x => x.n == 1).Select(x => x.day));
        // 62 in February 2027 (28 days): every day twice or three times, 62 in all
        var feb = Month(62, 2027, 2);
        Assert.Equal(62, feb.Sum());
        Assert.All(feb, n => Assert.InRange(n, 2, 3));
        Assert.Equal(30, Month(30, 2026, 11).Sum());
        Assert.All(Month(30, 2026, 11), n => Assert.Equal(1, n));
    }

    [Fact]
    public void Nothing_is_due_outside_the_items_dates_or_for_an_unknown_unit()
    {
        Assert.Equal(0, DailyCareRules.DueOn(7, "week", Monday.AddDays(1), null, Monday));
        Assert.Equal(1, DailyCareRules.DueOn(7, "week", Monday, Monday, Monday));
        Assert.Equal(0, DailyCareRules.DueOn(7, "week", Monday.AddDays(-10), Monday.AddDays(-1), Monday));
        Assert.Equal(0, DailyCareRules.OccurrencesOn(7, "day", Monday));
        Assert.Equal(0, DailyCareRules.OccurrencesOn(0, "week", Monday));
    }

    [Fact]
    public void A_record_is_correctable_on_the_china_day_it_was_made_only()
    {
        // 2026-11-23 08:00 +08:00 = 00:00 UTC
        var made = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        Assert.True(DailyCareRules.Correctable(made, made.AddHours(15).AddMinutes(59))); // 23:59 China time
        Assert.False(DailyCareRules.Correctable(made, made.AddHours(16)));              // 00:00 the next day in China
        // made at 23:30 China time (15:30 UTC): UTC and China days differ, the China day counts
        var late = new DateTimeOffset(2026, 11, 23, 15, 30, 0, TimeSpan.Zero);
        Assert.False(DailyCareRules.Correctable(late, late.AddHours(1)));
    }

    [Fact]
    public void The_return_day_is_not_a_leave_day()
    {
        Assert.True(DailyCareRules.OnLeave(Monday, null, Monday));
        Assert.True(DailyCareRules.OnLeave(Monday, Monday.AddDays(2), Monday.AddDays(1)));
        Assert.False(DailyCareRules.OnLeave(Monday, Monday.AddDays(2), Monday.AddDays(2)));
        Assert.False(DailyCareRules.OnLeave(Monday, null, Monday.AddDays(-1)));
    }

    [Theory]
    [InlineData("done", null, null, null)]
    [InlineData("not-done", "refused", null, null)]
    [InlineData("未完成", "身体原因", null, null)]
    [InlineData("not-done", null, null, "reason")]
    [InlineData("not-done", "sleepy", null, "reason")]
    [InlineData("not-done", "other", null, "note")]
    [InlineData("not-done", "other", "家属探视", null)]
    [InlineData("done", "refused", null, "reason")]
    [InlineData("maybe", null, null, "status")]
    public void Outcomes_need_a_reason_when_not_done_and_a_note_for_other(string status, string? reason, string? note, string? errorField)
    {
        var errors = DailyCareRules.ValidateOutcome("", status, reason, note);
        if (errorField is null) Assert.False(errors.Any);
        else Assert.True(errors.Has(errorField));
    }

    [Fact]
    public void Frequencies_read_as_daily_when_whole_days()
    {
        Assert.Equal("每日", DailyCareRules.Describe(7, "week"));
        Assert.Equal("每日 2 次", DailyCareRules.Describe(14, "week"));
        Assert.Equal("每周 3 次", DailyCareRules.Describe(3, "week"));
        Assert.Equal("每月 2 次", DailyCareRules.Describe(2, "month"));
        Assert.Equal(0.6667m, DailyCareRules.Rate(2, 3));
        Assert.Equal(0m, DailyCareRules.Rate(0, 0));
    }
}
