using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;

namespace Yiyang.Tests.Assessments;

public sealed class ReassessmentRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("gbt42195-2022", "2026-11-23", 12, "2027-11-23")]
    [InlineData("ltc-2021", "2026-01-31", 12, "2027-01-31")]
    [InlineData("gbt42195-2022", "2024-02-29", 12, "2025-02-28")]
    [InlineData("gbt42195-2022", "2026-05-31", 6, "2026-11-30")]
    public void Periodic_instruments_are_due_the_configured_months_later(string code, string on, int months, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), ReassessmentRules.NextDue(code, DateOnly.Parse(on), months));

    [Theory]
    [InlineData("barthel")]
    [InlineData("phs-selfcare")]
    [InlineData("tcm-constitution-65")]
    public void Other_instruments_carry_no_due_date(string code) => Assert.Null(ReassessmentRules.NextDue(code, Today, 12));

    [Fact]
    public void A_past_due_date_is_overdue_and_one_inside_the_window_is_due()
    {
        Assert.Equal(DueKind.Overdue, ReassessmentRules.Classify(Today.AddDays(-1), Today.AddMonths(-12), RiskFlags.None, null, Today, Today));
        Assert.Equal(DueKind.Due, ReassessmentRules.Classify(Today, Today.AddMonths(-12), RiskFlags.None, null, Today, Today));
        Assert.Equal(DueKind.Due, ReassessmentRules.Classify(Today.AddDays(20), Today.AddMonths(-11), RiskFlags.None, null, Today.AddDays(30), Today));
        Assert.Null(ReassessmentRules.Classify(Today.AddDays(31), Today.AddMonths(-11), RiskFlags.Disabled, null, Today.AddDays(30), Today));
    }

    [Theory]
    [InlineData(RiskFlags.Disabled, DueKind.Never)]
    [InlineData(RiskFlags.Dementia, DueKind.Never)]
    [InlineData(RiskFlags.Disabled | RiskFlags.LivingAlone, DueKind.Never)]
    [InlineData(RiskFlags.LivingAlone, null)]
    [InlineData(RiskFlags.None, null)]
    public void Without_an_assessment_only_disabled_or_demented_elders_are_listed(RiskFlags flags, DueKind? expected) =>
        Assert.Equal(expected, ReassessmentRules.Classify(null, null, flags, null, Today, Today));

    [Fact]
    public void A_marked_change_after_the_latest_assessment_makes_it_due_at_once_but_not_one_before_it()
    {
        var last = Today.AddMonths(-2);
        Assert.Equal(DueKind.Triggered, ReassessmentRules.Classify(last.AddMonths(12), last, RiskFlags.None, Today.AddDays(-3), Today, Today));
        Assert.Null(ReassessmentRules.Classify(last.AddMonths(12), last, RiskFlags.None, last.AddDays(-1), Today, Today));
        Assert.Equal(DueKind.Triggered, ReassessmentRules.Classify(null, null, RiskFlags.None, Today, Today, Today));
    }

    [Theory]
    [InlineData("initial", "initial")]
    [InlineData("首次", "initial")]
    [InlineData("常规评估", "routine")]
    [InlineData("即时", "immediate")]
    [InlineData("复评", "review")]
    [InlineData("因对评估结果有疑问进行的复评", "review")]
    [InlineData("Routine", "routine")]
    [InlineData("whim", null)]
    [InlineData("", null)]
    public void Reasons_are_parsed_from_codes_and_chinese_names(string input, string? expected) =>
        Assert.Equal(expected, AssessmentReasons.Parse(input));
}
