using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Tests.FamilyDoctor;

public sealed class ContractRulesTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void A_one_year_term_ends_the_day_before_the_anniversary()
    {
        Assert.Equal(D(2026, 12, 31), ContractRules.EndOf(D(2026, 1, 1)));
        Assert.Equal(D(2027, 3, 14), ContractRules.EndOf(D(2026, 3, 15)));
        Assert.Equal(D(2029, 2, 28), ContractRules.EndOf(D(2026, 3, 1), 3));
        Assert.Equal(D(2025, 2, 28), ContractRules.EndOf(D(2024, 2, 29)));
    }

    [Fact]
    public void An_active_contract_is_expired_only_after_its_last_day()
    {
        Assert.Equal(ContractStatus.Active, ContractRules.StatusOn(ContractStatus.Active, D(2026, 12, 31), D(2026, 12, 31)));
        Assert.Equal(ContractStatus.Expired, ContractRules.StatusOn(ContractStatus.Active, D(2026, 12, 31), D(2027, 1, 1)));
        Assert.Equal(ContractStatus.Terminated, ContractRules.StatusOn(ContractStatus.Terminated, D(2026, 12, 31), D(2027, 1, 1)));
        Assert.Equal("生效", ContractRules.StatusName(ContractStatus.Active));
        Assert.Equal("到期", ContractRules.StatusName(ContractStatus.Expired));
        Assert.Equal("解约", ContractRules.StatusName(ContractStatus.Terminated));
    }

    [Fact]
    public void Renewal_opens_ninety_days_before_the_end_and_never_for_terminated_or_already_renewed_contracts()
    {
        var end = D(2026, 12, 31);
        Assert.NotNull(ContractRules.RenewalRefusal(ContractStatus.Active, end, end.AddDays(-91), false));
        Assert.Null(ContractRules.RenewalRefusal(ContractStatus.Active, end, end.AddDays(-90), false));
        Assert.Null(ContractRules.RenewalRefusal(ContractStatus.Expired, end, end.AddDays(30), false));
        Assert.NotNull(ContractRules.RenewalRefusal(ContractStatus.Terminated, end, end, false));
        Assert.NotNull(ContractRules.RenewalRefusal(ContractStatus.Active, end, end, true));
    }

    [Fact]
    public void A_renewal_continues_the_day_after_the_previous_term_or_today_when_that_has_passed()
    {
        Assert.Equal(D(2027, 1, 1), ContractRules.RenewalStart(D(2026, 12, 31), D(2026, 11, 1)));
        Assert.Equal(D(2027, 1, 1), ContractRules.RenewalStart(D(2026, 12, 31), D(2027, 1, 1)));
        Assert.Equal(D(2027, 2, 10), ContractRules.RenewalStart(D(2026, 12, 31), D(2027, 2, 10)));
    }

    [Fact]
    public void A_contract_counts_for_every_year_it_was_in_effect_on_at_least_one_day()
    {
        Assert.True(ContractRules.InEffectDuring(D(2025, 12, 31), D(2026, 12, 30), 2025));
        Assert.True(ContractRules.InEffectDuring(D(2025, 12, 31), D(2026, 12, 30), 2026));
        Assert.False(ContractRules.InEffectDuring(D(2025, 12, 31), D(2026, 12, 30), 2027));
        var terminated = ContractRules.EffectiveEnd(D(2026, 12, 30), D(2025, 12, 31));
        Assert.False(ContractRules.InEffectDuring(D(2025, 12, 31), terminated, 2026));
    }

    [Fact]
    public void Someone_turning_65_during_the_year_counts_as_65_plus_for_that_whole_year()
    {
        Assert.True(ContractRules.CountsAs65Plus(D(1961, 12, 31), 2026));
        Assert.True(ContractRules.CountsAs65Plus(D(1940, 1, 1), 2026));
        Assert.False(ContractRules.CountsAs65Plus(D(1962, 1, 1), 2026));
        Assert.Equal(D(1961, 12, 31), ContractRules.LatestBirthFor65Plus(2026));
    }

    [Fact]
    public void With_the_setting_off_only_those_already_65_on_new_years_day_count()
    {
        Assert.False(ContractRules.CountsAs65Plus(D(1961, 12, 31), 2026, reachedDuringYear: false));
        Assert.True(ContractRules.CountsAs65Plus(D(1961, 1, 1), 2026, reachedDuringYear: false));
        Assert.True(ContractRules.CountsAs65Plus(D(1956, 6, 1), 2026, age: 70));
        Assert.False(ContractRules.CountsAs65Plus(D(1957, 1, 1), 2026, age: 70));
    }

    [Fact]
    public void The_renewal_window_is_a_setting()
    {
        var end = D(2026, 12, 31);
        Assert.Null(ContractRules.RenewalRefusal(ContractStatus.Active, end, end.AddDays(-100), false, windowDays: 120));
        Assert.NotNull(ContractRules.RenewalRefusal(ContractStatus.Active, end, end.AddDays(-31), false, windowDays: 30));
    }

    [Fact]
    public void Coverage_rates_are_percentages_with_one_decimal_and_empty_when_nobody_is_to_be_covered()
    {
        Assert.Equal(66.7m, ContractRules.RatePercent(2, 3));
        Assert.Equal(100m, ContractRules.RatePercent(5, 5));
        Assert.Equal(0m, ContractRules.RatePercent(0, 7));
        Assert.Equal(12.5m, ContractRules.RatePercent(1, 8));
        Assert.Null(ContractRules.RatePercent(0, 0));
    }

    [Fact]
    public void The_payer_split_must_add_up_to_the_yearly_fee_to_the_fen()
    {
        Assert.True(ContractRules.SplitAddsUp(120m, 60m, 40m, 20m));
        Assert.True(ContractRules.SplitAddsUp(120.00m, 60.5m, 39.5m, 20m));
        Assert.False(ContractRules.SplitAddsUp(120m, 60m, 40m, 20.01m));
    }

    [Fact]
    public void Item_quantities_convert_to_times_per_year_and_roles_and_periods_accept_chinese_names()
    {
        Assert.Equal(4, ServicePeriods.PerYear("year", 4));
        Assert.Equal(16, ServicePeriods.PerYear("quarter", 4));
        Assert.Equal(12, ServicePeriods.PerYear("month", 1));
        Assert.Equal("quarter", ServicePeriods.Parse("季度"));
        Assert.Null(ServicePeriods.Parse("week"));
        Assert.Equal("general-practitioner", TeamRoles.Parse("全科医生"));
        Assert.Equal("nurse", TeamRoles.Parse("nurse"));
        Assert.Null(TeamRoles.Parse("chef"));
    }
}
