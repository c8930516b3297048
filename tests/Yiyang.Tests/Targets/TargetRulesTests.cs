using Yiyang.Modules.Targets;

namespace Yiyang.Tests.Targets;

public sealed class TargetRulesTests
{
    private static IndicatorTarget T(string region, decimal value) =>
        new() { IndicatorCode = "x", RegionCode = region, Year = 2026, Value = value, SetByUser = "t" };

    [Fact]
    public void A_township_inherits_from_its_district_then_the_city_then_the_province()
    {
        Assert.Equal(["610202002", "610202", "6102", "61"], TargetRules.Ancestry("610202002"));
        Assert.Equal(["6102", "61"], TargetRules.Ancestry("6102"));
        var targets = new[] { T("6102", 60), T("610202", 80) };
        Assert.Equal(80, TargetRules.Resolve(targets, "610202002")!.Value);
        Assert.Equal(60, TargetRules.Resolve(targets, "610203001")!.Value);
        Assert.Null(TargetRules.Resolve(targets, "610302001"));
        Assert.Equal(95, TargetRules.Resolve([.. targets, T("610202002", 95)], "610202002")!.Value);
    }

    [Theory]
    [InlineData(95.0, 95.0, TargetComparison.AtLeast, true)]
    [InlineData(94.99, 95.0, TargetComparison.AtLeast, false)]
    [InlineData(10.0, 10.0, TargetComparison.AtMost, true)]
    [InlineData(10.01, 10.0, TargetComparison.AtMost, false)]
    public void Met_compares_by_the_targets_direction(double value, double target, TargetComparison c, bool met) =>
        Assert.Equal(met, TargetRules.Met((decimal)value, (decimal)target, c));

    [Fact]
    public void No_value_or_no_target_is_neither_met_nor_below()
    {
        Assert.Null(TargetRules.Met(null, 95, TargetComparison.AtLeast));
        Assert.Null(TargetRules.Met(50, null, TargetComparison.AtLeast));
        Assert.Null(TargetRules.Rate(3, 0));
        Assert.Equal(66.67m, TargetRules.Rate(2, 3));
        Assert.Equal(0.01m, TargetRules.Rate(1, 20000)); // 0.005 rounds half away from zero
    }

    [Theory]
    [InlineData("at-least", TargetComparison.AtLeast)]
    [InlineData("≤", TargetComparison.AtMost)]
    [InlineData("more", null)]
    public void Comparisons_are_read_by_code_or_sign(string text, TargetComparison? expected) =>
        Assert.Equal(expected, TargetRules.ParseComparison(text));
}

public sealed class PolicyTaskRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly DateOnly Created = new(2026, 1, 1);

    private static PolicyTaskStatus S(DateOnly? deadline = null, int? lastMilestone = null, DateOnly? lastReport = null, bool done = false,
        params bool?[] met) => PolicyTaskRules.Status(Today, deadline, lastMilestone, 3, lastReport, done, Created, met);

    [Fact]
    public void Indicators_decide_when_a_task_has_targets_to_meet()
    {
        Assert.Equal(PolicyTaskStatus.Behind, S(done: true, met: [true, false]));
        Assert.Equal(PolicyTaskStatus.OnTrack, S(deadline: new DateOnly(2020, 12, 31), met: [true]));
        Assert.Equal(PolicyTaskStatus.Done, S(done: true, met: [true, null]));
        Assert.Equal(PolicyTaskStatus.Overdue, S(deadline: new DateOnly(2020, 12, 31), met: [null])); // no target: dates decide
    }

    [Fact]
    public void Dates_and_reports_decide_otherwise()
    {
        Assert.Equal(PolicyTaskStatus.Done, S(deadline: new DateOnly(2020, 12, 31), done: true));
        Assert.Equal(PolicyTaskStatus.Overdue, S(lastMilestone: 2025));
        Assert.Equal(PolicyTaskStatus.OnTrack, S(deadline: new DateOnly(2027, 6, 30), lastReport: new DateOnly(2026, 10, 1)));
        // a quarter and 15 days without a report
        Assert.Equal(PolicyTaskStatus.OnTrack, S(deadline: new DateOnly(2027, 6, 30), lastReport: new DateOnly(2026, 8, 23)));
        Assert.Equal(PolicyTaskStatus.Behind, S(deadline: new DateOnly(2027, 6, 30), lastReport: new DateOnly(2026, 8, 21)));
        Assert.Equal(PolicyTaskStatus.Behind, S(deadline: new DateOnly(2027, 6, 30))); // never reported since January
    }
}
