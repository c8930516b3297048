using Yiyang.Modules.Supervision;

namespace Yiyang.Tests.Supervision;

/// <summary>The rules of on-site inspections and findings: finishing, outcome, due dates in working days, re-check transitions.</summary>
public sealed class InspectionRulesTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static string Due(string from, int days) =>
        WorkingDayRules.Add(D(from), days, y => y == 2026 ? WorkingDayRulesTests.Y2026 : null).ToString("yyyy-MM-dd");

    [Theory]
    [InlineData("2026-09-28", 20, "2026-10-30")] // publication: across 国庆 (1–7 off), 10月10日 (Sat) counted as a working day
    [InlineData("2026-09-28", 5, "2026-10-10")] // a finding due on the make-up Saturday
    [InlineData("2026-02-12", 20, "2026-03-18")] // across 春节 (15–23 off) with the make-up Saturdays 14 and 28
    [InlineData("2026-11-02", 20, "2026-11-30")] // no holiday: four weeks
    public void Due_dates_count_working_days_across_holidays_and_make_up_days(string from, int days, string expected) =>
        Assert.Equal(expected, Due(from, days));

    [Fact]
    public void An_inspection_finishes_only_when_every_item_is_answered_signed_and_two_inspectors_are_present()
    {
        Assert.Empty(InspectionRules.FinishProblems(["pass", "fail", "na"], signed: true, presentInspectors: 2, minInspectors: 2));
        var problems = InspectionRules.FinishProblems(["pass", null, null], signed: false, presentInspectors: 1, minInspectors: 2);
        Assert.Equal(3, problems.Count);
        Assert.Contains("2 项", problems[0]);
        Assert.Contains("签名", problems[1]);
        Assert.Contains("至少 2 名", problems[2]);
        Assert.Single(InspectionRules.FinishProblems(["pass"], signed: true, presentInspectors: 2, minInspectors: 3));
    }

    [Fact]
    public void One_failed_item_makes_the_result_non_compliant()
    {
        Assert.Equal(InspectionRules.Compliant, InspectionRules.Outcome(["pass", "na", "pass"]));
        Assert.Equal(InspectionRules.NonCompliant, InspectionRules.Outcome(["pass", "fail", "na"]));
    }

    [Theory]
    [InlineData("answered", "closed", "2026-10-10", "2026-10-09", true)]
    [InlineData("answered", "escalated", "2026-10-10", "2026-10-09", true)]
    [InlineData("open", "closed", "2026-10-10", "2026-12-01", false)] // closing needs the organization's answer
    [InlineData("open", "escalated", "2026-10-10", "2026-10-10", false)] // not yet overdue on the due day
    [InlineData("open", "escalated", "2026-10-10", "2026-10-12", true)] // overdue without an answer
    [InlineData("closed", "escalated", "2026-10-10", "2026-10-12", false)] // a re-checked finding is final
    [InlineData("escalated", "closed", "2026-10-10", "2026-10-12", false)]
    [InlineData("answered", "reopened", "2026-10-10", "2026-10-09", false)]
    public void A_recheck_closes_after_an_answer_and_escalates_after_an_answer_or_when_overdue(string status, string outcome, string due, string today, bool allowed) =>
        Assert.Equal(allowed, InspectionRules.MayRecheck(status, outcome, D(due), D(today)));

    [Fact]
    public void Only_open_findings_past_their_due_date_are_overdue_and_only_open_or_answered_ones_take_answers()
    {
        Assert.True(InspectionRules.IsOverdue("open", D("2026-10-10"), D("2026-10-11")));
        Assert.False(InspectionRules.IsOverdue("open", D("2026-10-10"), D("2026-10-10")));
        Assert.False(InspectionRules.IsOverdue("answered", D("2026-10-10"), D("2026-11-10")));
        Assert.False(InspectionRules.IsOverdue("closed", D("2026-10-10"), D("2026-11-10")));
        Assert.True(InspectionRules.MayRespond("open"));
        Assert.True(InspectionRules.MayRespond("answered"));
        Assert.False(InspectionRules.MayRespond("closed"));
        Assert.False(InspectionRules.MayRespond("escalated"));
    }
}
