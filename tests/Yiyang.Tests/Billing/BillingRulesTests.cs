using Yiyang.Modules.Billing;

namespace Yiyang.Tests.Billing;

public sealed class BillingRulesTests
{
    private static readonly FeeBand[] Bands = [new(0m, 3m, 20m), new(3m, 10m, 35m), new(10m, null, 50m)];

    [Theory]
    [InlineData(0, 20)]
    [InlineData(2.99, 20)]
    [InlineData(3, 35)]      // a band includes its start and excludes its end
    [InlineData(9.99, 35)]
    [InlineData(10, 50)]
    [InlineData(250, 50)]    // the open last band
    public void A_distance_falls_in_exactly_one_band(decimal km, decimal fee) =>
        Assert.Equal(fee, BillingRules.BandFor(Bands, km)!.Fee);

    [Fact]
    public void Beyond_the_last_bounded_band_there_is_no_fee_band() =>
        Assert.Null(BillingRules.BandFor([new FeeBand(0m, 5m, 10m)], 5m));

    [Fact]
    public void Contiguous_bands_from_zero_are_valid()
    {
        var (errors, bands) = BillingRules.ValidateBands([new(0m, 3m, 20m), new(3m, 10m, 35.5m), new(10m, null, 50m)]);
        Assert.False(errors.Any);
        Assert.Equal(["0–3 公里", "3–10 公里", "10 公里及以上"], bands.Select(b => b.Label));
    }

    [Fact]
    public void Overlapping_bands_and_gaps_are_refused_on_the_start_of_the_later_band()
    {
        var (overlap, _) = BillingRules.ValidateBands([new(0m, 5m, 20m), new(3m, 10m, 35m)]);
        Assert.Contains("重叠", overlap.ToDictionary()["bands[1].fromKm"].Single());
        var (gap, _) = BillingRules.ValidateBands([new(0m, 3m, 20m), new(4m, 10m, 35m)]);
        Assert.Contains("空档", gap.ToDictionary()["bands[1].fromKm"].Single());
    }

    [Fact]
    public void Each_wrong_field_of_a_band_gets_its_own_chinese_message()
    {
        var (errors, _) = BillingRules.ValidateBands([new(1m, 3m, 20m), new(3m, null, -1m), new(3m, 2m, 10.001m), new(null, 5m, 1m)]);
        var e = errors.ToDictionary();
        Assert.Contains("0 公里", e["bands[0].fromKm"].Single());
        Assert.Contains("最后一档", e["bands[1].toKm"].Single());
        Assert.Contains("上门服务费", e["bands[1].fee"].Single());
        Assert.Contains("大于起始距离", e["bands[2].toKm"].Single());
        Assert.Contains("两位小数", e["bands[2].fee"].Single());
        Assert.Contains("起始距离", e["bands[3].fromKm"].Single());
        Assert.All(e.Values.SelectMany(x => x), m => Assert.True(Infrastructure.Api.IsChinese(m)));
        Assert.True(BillingRules.ValidateBands([]).Errors.Has("bands"));
    }

    [Theory]
    // contract year from the contract start: signed 2026-03-15 → periods 03-15..next 03-14
    [InlineData("2026-03-15", "year", "2026-03-15", "2026-03-15")]
    [InlineData("2026-03-15", "year", "2027-03-14", "2026-03-15")]
    [InlineData("2026-03-15", "year", "2027-03-15", "2027-03-15")]
    [InlineData("2026-03-15", "quarter", "2026-06-14", "2026-03-15")]
    [InlineData("2026-03-15", "quarter", "2026-06-15", "2026-06-15")]
    [InlineData("2026-03-15", "month", "2026-11-23", "2026-11-15")]
    [InlineData("2026-01-31", "month", "2026-02-28", "2026-02-28")] // month start clamps to the month's end
    [InlineData("2026-01-31", "month", "2026-03-30", "2026-02-28")]
    [InlineData("2026-01-31", "month", "2026-03-31", "2026-03-31")]
    public void A_quota_period_runs_from_the_contract_start(string start, string period, string date, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), BillingRules.PeriodStart(DateOnly.Parse(start), period, DateOnly.Parse(date)));

    [Fact]
    public void A_date_before_the_contract_belongs_to_no_period_and_periods_end_the_day_before_the_next()
    {
        Assert.Null(BillingRules.PeriodStart(new DateOnly(2026, 3, 15), "year", new DateOnly(2026, 3, 14)));
        Assert.Equal(new DateOnly(2027, 3, 14), BillingRules.PeriodEnd(new DateOnly(2026, 3, 15), "year", new DateOnly(2026, 3, 15)));
        Assert.Equal(new DateOnly(2026, 9, 14), BillingRules.PeriodEnd(new DateOnly(2026, 3, 15), "quarter", new DateOnly(2026, 6, 15)));
    }

    [Theory]
    [InlineData(0, 4, 1)]
    [InlineData(3, 4, 4)]
    public void The_next_quota_slot_follows_the_used_ones(int used, int quantity, int next) =>
        Assert.Equal(next, BillingRules.NextOrdinal(used, quantity));

    [Fact]
    public void A_used_up_quota_has_no_next_slot()
    {
        Assert.Null(BillingRules.NextOrdinal(4, 4));
        Assert.Null(BillingRules.NextOrdinal(1, 1));
    }

    [Fact]
    public void The_package_covers_first_then_long_term_care_insurance_else_the_elder_pays()
    {
        var ltc = new LtcPlanCover(7, 70, "ltc", "长护险护理计划 第3项");
        var package = BillingRules.Attribute(30m, "签约服务包“基础包”", ltc);
        Assert.Equal((Payers.FamilyDoctor, 0m, 30m), (package.Payer, package.PatientAmount, package.CoveredAmount));
        var insured = BillingRules.Attribute(30m, null, ltc);
        Assert.Equal((Payers.Ltc, 0m, 30m, "长护险护理计划 第3项"), (insured.Payer, insured.PatientAmount, insured.CoveredAmount, insured.CoveredBy));
        var own = BillingRules.Attribute(30m, null, null);
        Assert.Equal((Payers.Elder, 30m, 0m, (string?)null), (own.Payer, own.PatientAmount, own.CoveredAmount, own.CoveredBy));
    }

    [Fact]
    public void Service_fee_payers_and_months_are_parsed()
    {
        Assert.Equal(Payers.FamilyDoctor, Payers.ParseServiceFeePayer("签约服务包"));
        Assert.Equal(Payers.Elder, Payers.ParseServiceFeePayer("个人自付"));
        Assert.Null(Payers.ParseServiceFeePayer("医保"));
        Assert.Equal(new DateOnly(2026, 11, 1), BillingRules.ParseMonth("2026-11"));
        Assert.Null(BillingRules.ParseMonth("2026-13"));
        Assert.Null(BillingRules.ParseMonth("11/2026"));
    }
}
