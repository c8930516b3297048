using Yiyang.Modules.Agreements;

namespace Yiyang.Tests.Agreements;

public class AgreementRulesTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly DateOnly End = new(2026, 12, 31);

    [Theory]
    [InlineData("2025-12-31", false)] // the day before the term
    [InlineData("2026-01-01", true)]  // first day
    [InlineData("2026-12-31", true)]  // last day (inclusive)
    [InlineData("2027-01-01", false)] // the day after: access ends
    public void An_effective_agreement_is_in_force_only_within_its_term(string today, bool inForce) =>
        Assert.Equal(inForce, AgreementRules.IsInForce(AgreementStatus.Effective, Start, End, DateOnly.Parse(today)));

    [Theory]
    [InlineData(AgreementStatus.Draft)]
    [InlineData(AgreementStatus.Terminated)]
    [InlineData(AgreementStatus.Expired)]
    public void Only_an_effective_agreement_is_ever_in_force(AgreementStatus status) =>
        Assert.False(AgreementRules.IsInForce(status, Start, End, new DateOnly(2026, 6, 1)));

    [Fact]
    public void An_effective_agreement_past_its_last_day_reads_as_expired()
    {
        Assert.Equal(AgreementStatus.Effective, AgreementRules.StatusOn(AgreementStatus.Effective, End, End));
        Assert.Equal(AgreementStatus.Expired, AgreementRules.StatusOn(AgreementStatus.Effective, End, End.AddDays(1)));
        Assert.Equal(AgreementStatus.Terminated, AgreementRules.StatusOn(AgreementStatus.Terminated, End, End.AddDays(1)));
        Assert.Equal("到期", AgreementRules.StatusName(AgreementStatus.Expired));
    }

    [Fact]
    public void A_draft_takes_effect_only_within_its_term()
    {
        Assert.Null(AgreementRules.ActivateRefusal(AgreementStatus.Draft, Start, End, Start));
        Assert.Equal("协议期限自 2026-01-01 起，尚未开始，不能生效。", AgreementRules.ActivateRefusal(AgreementStatus.Draft, Start, End, Start.AddDays(-1)));
        Assert.Equal("协议期限已于 2026-12-31 结束，不能生效。", AgreementRules.ActivateRefusal(AgreementStatus.Draft, Start, End, End.AddDays(1)));
        Assert.Equal("协议当前状态为“生效”，只有草拟的协议可以生效。", AgreementRules.ActivateRefusal(AgreementStatus.Effective, Start, End, Start));
    }

    [Fact]
    public void Only_an_agreement_in_force_can_be_terminated()
    {
        Assert.Null(AgreementRules.TerminateRefusal(AgreementStatus.Effective, Start, End, End));
        Assert.Equal("协议当前状态为“到期”，只有生效中的协议可以终止。", AgreementRules.TerminateRefusal(AgreementStatus.Effective, Start, End, End.AddDays(1)));
        Assert.Equal("协议当前状态为“草拟”，只有生效中的协议可以终止。", AgreementRules.TerminateRefusal(AgreementStatus.Draft, Start, End, Start));
        Assert.NotNull(AgreementRules.TerminateRefusal(AgreementStatus.Terminated, Start, End, Start));
    }

    [Fact]
    public void The_term_is_checked()
    {
        Assert.Empty(AgreementRules.TermErrors(Start, End));
        Assert.Equal("截止日期不能早于起始日期。", AgreementRules.TermErrors(Start, Start.AddDays(-1))["endOn"]);
        Assert.Equal("协议期限最长 5 年，到期后续签。", AgreementRules.TermErrors(Start, Start.AddYears(5).AddDays(1))["endOn"]);
        Assert.Empty(AgreementRules.TermErrors(Start, Start.AddYears(5)));
        var missing = AgreementRules.TermErrors(null, null);
        Assert.Equal(["endOn", "startOn"], missing.Keys.Order());
    }

    [Fact]
    public void Planned_rounds_are_pro_rata_per_thirty_days_and_medians_are_computed()
    {
        Assert.Equal(2, AgreementRules.PlannedRounds(2, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)));   // 30 days
        Assert.Equal(1, AgreementRules.PlannedRounds(2, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 8)));    // 8 days: 0.53 → 1
        Assert.Equal(24, AgreementRules.PlannedRounds(2, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 26))); // 360 days
        Assert.Equal(0, AgreementRules.PlannedRounds(2, new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 1)));
        Assert.Null(AgreementRules.Median([]));
        Assert.Equal(20, AgreementRules.Median([30, 10, 20]));
        Assert.Equal(25, AgreementRules.Median([40, 10, 20, 30]));
    }
}
