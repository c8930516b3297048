using Yiyang.Modules.HomeVisits;

namespace Yiyang.Tests.HomeVisits;

public sealed class VisitRulesTests
{
    private static VitalsInput Vitals(int? systolic = null, int? diastolic = null, int? pulse = null, decimal? temperature = null,
        decimal? glucose = null, int? spo2 = null, decimal? weight = null) => new(systolic, diastolic, pulse, temperature, glucose, spo2, weight);

    [Fact]
    public void Plausible_vitals_and_no_vitals_at_all_pass()
    {
        Assert.False(VisitRules.ValidateVitals(Vitals()).Any);
        Assert.False(VisitRules.ValidateVitals(Vitals(138, 86, 72, 36.6m, 6.1m, 97, 58.5m)).Any);
        Assert.False(VisitRules.ValidateVitals(Vitals(60, 30, 30, 34.0m, 1.0m, 50, 20m)).Any);
        Assert.False(VisitRules.ValidateVitals(Vitals(260, 160, 220, 43.0m, 35.0m, 100, 200m)).Any);
    }

    [Theory]
    [InlineData("systolic", 1200, 80, null, null, null, null, null)]
    [InlineData("systolic", 59, 40, null, null, null, null, null)]
    [InlineData("diastolic", 120, 29, null, null, null, null, null)]
    [InlineData("diastolic", 120, 161, null, null, null, null, null)]
    [InlineData("pulse", null, null, 29, null, null, null, null)]
    [InlineData("pulse", null, null, 221, null, null, null, null)]
    [InlineData("temperature", null, null, null, 365.0, null, null, null)]
    [InlineData("temperature", null, null, null, 33.9, null, null, null)]
    [InlineData("glucose", null, null, null, null, 0.9, null, null)]
    [InlineData("glucose", null, null, null, null, 35.1, null, null)]
    [InlineData("spo2", null, null, null, null, null, 101, null)]
    [InlineData("spo2", null, null, null, null, null, 49, null)]
    [InlineData("weight", null, null, null, null, null, null, 19.9)]
    [InlineData("weight", null, null, null, null, null, null, 600.0)]
    public void An_implausible_value_is_refused_with_a_Chinese_message_naming_the_field(string field, int? sys, int? dia, int? pulse,
        double? temp, double? glucose, int? spo2, double? weight)
    {
        var errors = VisitRules.ValidateVitals(new VitalsInput(sys, dia, pulse, (decimal?)temp, (decimal?)glucose, spo2, (decimal?)weight))
            .ToDictionary();
        Assert.Equal([field], errors.Keys);
        Assert.Contains("合理范围", errors[field].Single());
    }

    [Fact]
    public void Diastolic_must_be_below_systolic_and_both_come_together()
    {
        var errors = VisitRules.ValidateVitals(Vitals(systolic: 90, diastolic: 95)).ToDictionary();
        Assert.Contains("低于收缩压", errors["diastolic"].Single());
        Assert.True(VisitRules.ValidateVitals(Vitals(systolic: 120)).Has("diastolic"));
        Assert.True(VisitRules.ValidateVitals(Vitals(diastolic: 80)).Has("systolic"));
    }

    [Fact]
    public void Too_many_decimals_are_refused()
    {
        Assert.True(VisitRules.ValidateVitals(Vitals(temperature: 36.55m)).Has("temperature"));
        Assert.False(VisitRules.ValidateVitals(Vitals(temperature: 36.50m)).Has("temperature"));
    }

    private static HomeVisitService S(string code, ServiceStatus status, bool planned = true, string? reason = null) =>
        new() { ServiceCode = code, ServiceName = code == "BP01" ? "血压测量" : "上门巡诊", Planned = planned, Status = status, SkipReason = reason, CountyCode = "610202" };

    [Fact]
    public void A_visit_completes_only_after_check_in_with_every_planned_service_done_or_skipped_with_a_reason()
    {
        Assert.Contains("签到", VisitRules.CompletionBlocker(VisitStatus.Planned, [S("BP01", ServiceStatus.Done)]));
        var open = VisitRules.CompletionBlocker(VisitStatus.CheckedIn, [S("BP01", ServiceStatus.Open), S("HV01", ServiceStatus.Done)]);
        Assert.Contains("血压测量（BP01）", open);
        Assert.DoesNotContain("HV01", open);
        Assert.NotNull(VisitRules.CompletionBlocker(VisitStatus.CheckedIn, [S("BP01", ServiceStatus.Skipped, reason: " ")]));
        Assert.Null(VisitRules.CompletionBlocker(VisitStatus.CheckedIn, [S("BP01", ServiceStatus.Skipped, reason: "老人拒绝"), S("HV01", ServiceStatus.Done)]));
        // an extra (unplanned) service left open does not block
        Assert.Null(VisitRules.CompletionBlocker(VisitStatus.CheckedIn, [S("X1", ServiceStatus.Open, planned: false)]));
        Assert.Null(VisitRules.CompletionBlocker(VisitStatus.CheckedIn, []));
        Assert.Contains("已完成", VisitRules.CompletionBlocker(VisitStatus.Completed, []));
    }

    [Fact]
    public void A_ledger_elder_is_overdue_when_never_visited_or_the_last_visit_is_older_than_the_interval()
    {
        var today = new DateOnly(2026, 11, 23);
        Assert.True(VisitRules.IsOverdue(null, today, 30));
        Assert.False(VisitRules.IsOverdue(today.AddDays(-30), today, 30));
        Assert.True(VisitRules.IsOverdue(today.AddDays(-31), today, 30));
    }
}
