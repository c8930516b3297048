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
}
