using Yiyang.Modules.Sickbeds;

namespace Yiyang.Tests.Sickbeds;

public sealed class SickbedRulesTests
{
    private static readonly DateOnly Opened = new(2026, 11, 2); // a Monday; window 0 = 11-02..11-08, window 1 = 11-09..11-15

    private static RoundCompliance Eval(DateOnly today, int perWeek, params string[] rounds) =>
        SickbedRules.Evaluate(Opened, [(Opened, perWeek)], today, rounds.Select(DateOnly.Parse));

    [Theory]
    [InlineData(SickbedStatus.Applied, SickbedAction.Approve, SickbedStatus.Approved)]
    [InlineData(SickbedStatus.Applied, SickbedAction.Reject, SickbedStatus.Rejected)]
    [InlineData(SickbedStatus.Approved, SickbedAction.Open, SickbedStatus.Opened)]
    [InlineData(SickbedStatus.Approved, SickbedAction.Close, SickbedStatus.Closed)]
    [InlineData(SickbedStatus.Opened, SickbedAction.Round, SickbedStatus.Opened)]
    [InlineData(SickbedStatus.Opened, SickbedAction.Order, SickbedStatus.Opened)]
    [InlineData(SickbedStatus.Opened, SickbedAction.NursingRecord, SickbedStatus.Opened)]
    [InlineData(SickbedStatus.Opened, SickbedAction.Renew, SickbedStatus.Opened)]
    [InlineData(SickbedStatus.Opened, SickbedAction.Close, SickbedStatus.Closed)]
    public void Allowed_transitions_lead_to_the_expected_status(SickbedStatus from, SickbedAction action, SickbedStatus to)
    {
        Assert.Equal(to, SickbedRules.Next(from, action));
        Assert.Null(SickbedRules.Blocker(from, action));
    }

    [Theory]
    [InlineData(SickbedStatus.Applied, SickbedAction.Open)]
    [InlineData(SickbedStatus.Applied, SickbedAction.Round)]
    [InlineData(SickbedStatus.Applied, SickbedAction.Close)]
    [InlineData(SickbedStatus.Approved, SickbedAction.Approve)]
    [InlineData(SickbedStatus.Approved, SickbedAction.Round)]
    [InlineData(SickbedStatus.Approved, SickbedAction.Renew)]
    [InlineData(SickbedStatus.Opened, SickbedAction.Open)]
    [InlineData(SickbedStatus.Opened, SickbedAction.Approve)]
    [InlineData(SickbedStatus.Rejected, SickbedAction.Open)]
    [InlineData(SickbedStatus.Rejected, SickbedAction.Approve)]
    [InlineData(SickbedStatus.Closed, SickbedAction.Round)]
    [InlineData(SickbedStatus.Closed, SickbedAction.Renew)]
    [InlineData(SickbedStatus.Closed, SickbedAction.Close)]
    public void Other_transitions_are_refused_with_a_Chinese_reason(SickbedStatus from, SickbedAction action)
    {
        Assert.Null(SickbedRules.Next(from, action));
        var why = SickbedRules.Blocker(from, action);
        Assert.NotNull(why);
        Assert.True(Tests.Infrastructure.Api.IsChinese(why));
    }

    [Fact]
    public void Only_applied_approved_and_opened_sickbeds_are_open()
    {
        Assert.Equal([SickbedStatus.Applied, SickbedStatus.Approved, SickbedStatus.Opened], Enum.GetValues<SickbedStatus>().Where(SickbedRules.IsOpen));
    }

    [Fact]
    public void The_discharge_list_is_fixed_and_parses_codes_and_names()
    {
        Assert.Equal(["治愈", "好转", "转院", "死亡", "自动撤床", "其他"], SickbedRules.CloseReasons.Select(r => r.Name));
        Assert.Equal(SickbedCloseReason.Transferred, SickbedRules.ParseCloseReason("transferred"));
        Assert.Equal(SickbedCloseReason.Withdrawn, SickbedRules.ParseCloseReason(" 自动撤床 "));
        Assert.Null(SickbedRules.ParseCloseReason("出院"));
        Assert.Null(SickbedRules.ParseCloseReason(null));
    }

    [Theory]
    [InlineData("I69.3", "I69.3")]
    [InlineData("i63.900", "I63.900")]
    [InlineData("I69.300x001", "I69.300x001")]
    [InlineData("C34", "C34")]
    [InlineData(" S72.001 ", "S72.001")]
    [InlineData("I6", null)]
    [InlineData("169.3", null)]
    [InlineData("I69.", null)]
    [InlineData("脑梗死", null)]
    [InlineData("", null)]
    public void Icd10_codes_are_normalized_or_refused(string input, string? expected) =>
        Assert.Equal(expected, SickbedRules.NormalizeIcd10(input));

    [Fact]
    public void A_cycle_holds_at_most_the_maximum_days_with_both_ends_counted()
    {
        Assert.Equal(new DateOnly(2027, 1, 30), SickbedRules.DefaultCycleEnd(Opened, 90)); // 11-02 + 89 days
        Assert.Null(SickbedRules.CycleProblem(Opened, new DateOnly(2027, 1, 30), 90));
        Assert.Contains("90 天", SickbedRules.CycleProblem(Opened, new DateOnly(2027, 1, 31), 90));
        Assert.Null(SickbedRules.CycleProblem(Opened, Opened, 90));
        Assert.NotNull(SickbedRules.CycleProblem(Opened, Opened.AddDays(-1), 90));
    }

    [Fact]
    public void The_first_window_is_not_judged_before_it_ends()
    {
        // 11-08 is the last day of window 0: it is still the current window, no alert even without rounds
        var c = Eval(new DateOnly(2026, 11, 8), 1);
        Assert.Empty(c.Complete);
        Assert.False(c.Alert);
        Assert.Equal(new DateOnly(2026, 11, 2), c.Current!.StartsOn);
        Assert.Equal(new DateOnly(2026, 11, 8), c.Current.EndsOn);
    }

    [Fact]
    public void The_day_after_a_window_without_a_round_raises_the_alert()
    {
        var c = Eval(new DateOnly(2026, 11, 9), 1);
        Assert.True(c.Alert);
        Assert.Equal(new DateOnly(2026, 11, 8), c.LastComplete!.EndsOn);
        Assert.Equal(0, c.LastComplete.Done);
        Assert.Equal(1, c.LastComplete.Required);
        Assert.Equal(new DateOnly(2026, 11, 9), c.Current!.StartsOn);
    }

    [Fact]
    public void A_round_on_the_opening_day_or_the_last_day_of_the_window_counts()
    {
        Assert.False(Eval(new DateOnly(2026, 11, 9), 1, "2026-11-02").Alert);
        Assert.False(Eval(new DateOnly(2026, 11, 9), 1, "2026-11-08").Alert);
    }

    [Fact]
    public void A_round_on_the_first_day_of_the_next_window_does_not_count_for_the_previous_one()
    {
        var c = Eval(new DateOnly(2026, 11, 10), 1, "2026-11-09");
        Assert.True(c.Alert);
        Assert.Equal(1, c.Current!.Done);
    }

    [Fact]
    public void Rounds_are_not_carried_over_and_twice_a_week_needs_two_in_the_window()
    {
        // two rounds in window 0, none in window 1: window 1 is short
        var c = Eval(new DateOnly(2026, 11, 16), 1, "2026-11-03", "2026-11-05");
        Assert.True(c.Alert);
        Assert.Equal(1, c.ShortWindows);
        Assert.False(Eval(new DateOnly(2026, 11, 9), 2, "2026-11-03", "2026-11-05").Alert);
        var one = Eval(new DateOnly(2026, 11, 9), 2, "2026-11-03");
        Assert.True(one.Alert);
        Assert.Equal(2, one.LastComplete!.Required);
        Assert.Equal(1, one.LastComplete.Done);
    }

    [Fact]
    public void Only_the_last_complete_window_raises_the_alert_but_every_short_window_is_counted()
    {
        // window 0 short, window 1 fine
        var c = Eval(new DateOnly(2026, 11, 16), 1, "2026-11-10");
        Assert.False(c.Alert);
        Assert.Equal(1, c.ShortWindows);
        Assert.Equal(2, c.Complete.Count);
    }

    [Fact]
    public void The_frequency_of_a_renewed_cycle_applies_from_the_window_starting_in_it()
    {
        // cycle 2 from 11-09 needs 2 a week: one round in window 1 is short, window 0 needed one
        var c = SickbedRules.Evaluate(Opened, [(new DateOnly(2026, 11, 9), 2), (Opened, 1)], new DateOnly(2026, 11, 16),
            [new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 12)]);
        Assert.Equal(1, c.Complete[0].Required);
        Assert.Equal(2, c.Complete[1].Required);
        Assert.True(c.Alert);
    }

    [Fact]
    public void Before_the_opening_day_nothing_is_judged()
    {
        var c = Eval(new DateOnly(2026, 11, 1), 1);
        Assert.Empty(c.Complete);
        Assert.Null(c.Current);
        Assert.False(c.Alert);
    }

    [Fact]
    public void A_cycle_has_ended_the_day_after_its_end()
    {
        Assert.False(SickbedRules.CycleEnded(new DateOnly(2027, 1, 30), new DateOnly(2027, 1, 30)));
        Assert.True(SickbedRules.CycleEnded(new DateOnly(2027, 1, 30), new DateOnly(2027, 1, 31)));
    }
}
