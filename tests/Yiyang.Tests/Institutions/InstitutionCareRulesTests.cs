using Yiyang.Modules.Institutions;

namespace Yiyang.Tests.Institutions;

public sealed class InstitutionCareRulesTests
{
    private static readonly DateOnly Admitted = new(2026, 10, 1);
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("personal", LeaveKind.Personal)]
    [InlineData("请假", LeaveKind.Personal)]
    [InlineData("hospitalised", LeaveKind.Hospitalised)]
    [InlineData("住院", LeaveKind.Hospitalised)]
    public void Leave_kinds_parse_from_code_or_chinese(string code, LeaveKind kind) => Assert.Equal(kind, LeaveRules.ParseKind(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("holiday")]
    public void Unknown_leave_kinds_do_not_parse(string? code) => Assert.Null(LeaveRules.ParseKind(code));

    [Fact]
    public void A_leave_within_the_stay_and_90_days_is_valid()
    {
        Assert.False(LeaveRules.Validate(Admitted, Admitted, Admitted, Today).Any);
        // 2026-11-23 + 90 days = 2027-02-21
        Assert.False(LeaveRules.Validate(Admitted, Today, new DateOnly(2027, 2, 21), Today).Any);
    }

    [Fact]
    public void A_leave_before_admission_or_returning_before_it_starts_is_refused()
    {
        var e = LeaveRules.Validate(Admitted, new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 5), Today);
        Assert.True(e.Has("startOn"));
        Assert.False(e.Has("expectedReturnOn"));
        e = LeaveRules.Validate(Admitted, new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 19), Today);
        Assert.True(e.Has("expectedReturnOn"));
        Assert.False(e.Has("startOn"));
    }

    [Fact]
    public void A_leave_of_91_days_or_starting_more_than_30_days_ahead_is_refused()
    {
        Assert.True(LeaveRules.Validate(Admitted, Today, new DateOnly(2027, 2, 22), Today).Has("expectedReturnOn"));
        Assert.True(LeaveRules.Validate(Admitted, new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 25), Today).Has("startOn"));
        Assert.False(LeaveRules.Validate(Admitted, new DateOnly(2026, 12, 23), new DateOnly(2026, 12, 25), Today).Has("startOn"));
    }

    [Fact]
    public void A_leave_is_overdue_only_after_its_expected_return_day()
    {
        Assert.False(LeaveRules.Overdue(Today, Today));
        Assert.True(LeaveRules.Overdue(Today.AddDays(-1), Today));
    }

    private static readonly string[] Levels = ["自理照护", "一级照护（轻度）", "二级照护（中度）", "三级照护（重度）", "四级照护（完全失能）"];

    [Theory]
    [InlineData("二级", "二级照护（中度）")]
    [InlineData(" 二级照护（中度） ", "二级照护（中度）")]
    [InlineData("自理", "自理照护")]
    [InlineData("四级照护（完全失能）", "四级照护（完全失能）")]
    public void Care_levels_match_by_full_or_short_name(string input, string expected) => Assert.Equal(expected, AdmissionRules.MatchCareLevel(Levels, input));

    [Theory]
    [InlineData("五级")]
    [InlineData("照护")]
    [InlineData("二")]
    [InlineData("")]
    public void Unknown_care_levels_do_not_match(string input) => Assert.Null(AdmissionRules.MatchCareLevel(Levels, input));

    [Fact]
    public void A_contract_is_all_or_nothing_and_covers_the_admission()
    {
        var on = new DateOnly(2026, 11, 1);
        Assert.False(AdmissionRules.ValidateContract(null, null, null, on).Any);
        Assert.False(AdmissionRules.ValidateContract("HT-1", on, on, on).Any);
        var e = AdmissionRules.ValidateContract("HT-1", null, null, on);
        Assert.True(e.Has("contractStartOn"));
        Assert.True(e.Has("contractEndOn"));
        Assert.True(AdmissionRules.ValidateContract(null, on, on.AddYears(1), on).Has("contractNumber"));
        Assert.True(AdmissionRules.ValidateContract("HT-1", on.AddDays(1), on.AddYears(1), on).Has("contractStartOn"));
        Assert.True(AdmissionRules.ValidateContract("HT-1", on.AddDays(-10), on.AddDays(-11), on).Has("contractEndOn"));
        // a contract that ended before the admission
        Assert.True(AdmissionRules.ValidateContract("HT-1", on.AddDays(-10), on.AddDays(-1), on).Has("contractEndOn"));
        Assert.True(AdmissionRules.ValidateContract(new string('9', 33), on, on, on).Has("contractNumber"));
    }

    [Fact]
    public void Conversions_are_decided_by_the_bureau_of_the_new_use()
    {
        Assert.Equal("health", ConversionRules.Bureau(BedKind.Medical));
        Assert.Equal("civil-affairs", ConversionRules.Bureau(BedKind.ElderCare));
        Assert.True(ConversionRules.Convertible(BedKind.ElderCare));
        Assert.True(ConversionRules.Convertible(BedKind.Medical));
        Assert.False(ConversionRules.Convertible(BedKind.Nursing));
        Assert.False(ConversionRules.Convertible(BedKind.Hospice));
    }
}
