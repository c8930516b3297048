using Yiyang.Modules.Claims;

namespace Yiyang.Tests.Claims;

public sealed class ClaimsRulesTests
{
    private static readonly DateOnly Oct1 = new(2026, 10, 1);

    [Theory]
    [InlineData("ltc-institution", "ltc-home", true)]
    [InlineData("ltc-institution", "medical-inpatient", true)]
    [InlineData("ltc-institution", "sickbed", true)]
    [InlineData("ltc-institution", "care-self-pay", false)]
    [InlineData("ltc-institution", "civil-subsidy", false)]
    [InlineData("ltc-home", "medical-inpatient", true)]
    [InlineData("ltc-home", "sickbed", true)]
    [InlineData("ltc-home", "care-self-pay", true)]
    [InlineData("medical-inpatient", "sickbed", true)]
    [InlineData("medical-inpatient", "care-self-pay", false)]
    [InlineData("sickbed", "care-self-pay", false)]
    [InlineData("civil-subsidy", "care-self-pay", false)]
    [InlineData("civil-subsidy", "ltc-home", false)]
    [InlineData("civil-subsidy", "civil-subsidy", true)]
    [InlineData("care-self-pay", "care-self-pay", true)]
    public void The_exclusion_matrix_is_symmetric_and_as_documented(string a, string b, bool conflict)
    {
        var x = CoverageRules.Parse(a)!.Value;
        var y = CoverageRules.Parse(b)!.Value;
        Assert.Equal(conflict, CoverageRules.Conflicts(x, y));
        Assert.Equal(conflict, CoverageRules.Conflicts(y, x));
    }

    [Fact]
    public void Every_class_excludes_itself_and_parses_its_chinese_name()
    {
        foreach (var c in CoverageRules.All) Assert.True(CoverageRules.Conflicts(c, c));
        Assert.Equal(PayerClass.LtcHome, CoverageRules.Parse("长护险居家"));
        Assert.Null(CoverageRules.Parse("commercial"));
    }

    [Fact]
    public void Ranges_are_inclusive_and_an_open_end_runs_on()
    {
        Assert.True(CoverageRules.Overlaps(Oct1, new DateOnly(2026, 10, 31), new DateOnly(2026, 10, 31), null)); // shared last day
        Assert.False(CoverageRules.Overlaps(Oct1, new DateOnly(2026, 10, 30), new DateOnly(2026, 10, 31), null));
        Assert.True(CoverageRules.Overlaps(Oct1, null, new DateOnly(2030, 1, 1), new DateOnly(2030, 1, 1)));
        Assert.Equal("与已有的长护险（机构）待遇期（2026-10-01 至 长期）重叠：长护险（居家）与长护险（机构）不能同时享受。",
            CoverageRules.OverlapMessage(PayerClass.LtcHome, PayerClass.LtcInstitution, Oct1, null));
    }

    private static readonly BedDayRules.Range[] AllOctober = [new(Oct1, null)];

    [Fact]
    public void Admission_day_counts_and_discharge_day_does_not()
    {
        // in 5 Oct, out 15 Oct: 5..14 = 10 days
        Assert.Equal(10, BedDayRules.Count([new(new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 15))], 2026, 10, AllOctober, new ClaimsOptions()));
        // the discharge day counts when set
        Assert.Equal(11, BedDayRules.Count([new(new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 15))], 2026, 10, AllOctober,
            new ClaimsOptions { CountDischargeDay = true }));
        // neither end counted: 6..14 = 9
        Assert.Equal(9, BedDayRules.Count([new(new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 15))], 2026, 10, AllOctober,
            new ClaimsOptions { CountAdmissionDay = false }));
        // in and out the same day: one day
        Assert.Equal(1, BedDayRules.Count([new(new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 5))], 2026, 10, AllOctober, new ClaimsOptions()));
    }

    [Fact]
    public void Only_days_of_the_month_covered_by_a_period_and_not_after_until_count()
    {
        // resident since September, still in: all 31 days of October
        BedDayRules.Stay[] stays = [new(new DateOnly(2026, 9, 20), null)];
        Assert.Equal(31, BedDayRules.Count(stays, 2026, 10, AllOctober, new ClaimsOptions()));
        // covered from 11 Oct: 11..31 = 21
        Assert.Equal(21, BedDayRules.Count(stays, 2026, 10, [new(new DateOnly(2026, 10, 11), null)], new ClaimsOptions()));
        // covered 1..3 and 29..(open): 3 + 3 = 6
        Assert.Equal(6, BedDayRules.Count(stays, 2026, 10, [new(Oct1, new DateOnly(2026, 10, 3)), new(new DateOnly(2026, 10, 29), null)], new ClaimsOptions()));
        // no coverage: none
        Assert.Equal(0, BedDayRules.Count(stays, 2026, 10, [], new ClaimsOptions()));
        // discharged in September: none in October; billing until 20 Oct: 20 days
        Assert.Equal(0, BedDayRules.Count([new(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30))], 2026, 10, AllOctober, new ClaimsOptions()));
        Assert.Equal(20, BedDayRules.Count(stays, 2026, 10, AllOctober, new ClaimsOptions(), new DateOnly(2026, 10, 20)));
        // two stays (transfer out and back) do not double count a day
        Assert.Equal(31, BedDayRules.Count([new(new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 10)), new(new DateOnly(2026, 10, 10), null)], 2026, 10,
            AllOctober, new ClaimsOptions { CountDischargeDay = true }));
    }

    [Fact]
    public void Hospitalised_leave_days_do_not_count_and_personal_leave_days_do_by_default()
    {
        BedDayRules.Stay[] stays = [new(new DateOnly(2026, 9, 20), null)];
        // in hospital 10 Oct, back 15 Oct: 10..14 are hospital days (start day is a leave day, return day is not) → 31 − 5 = 26
        BedDayRules.Leave[] hospital = [new(true, new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 15))];
        Assert.Equal(26, BedDayRules.Count(stays, 2026, 10, AllOctober, new ClaimsOptions(), null, hospital));
        Assert.DoesNotContain(new DateOnly(2026, 10, 10), BedDayRules.Days(stays, 2026, 10, AllOctober, new ClaimsOptions(), null, hospital));
        Assert.Contains(new DateOnly(2026, 10, 15), BedDayRules.Days(stays, 2026, 10, AllOctober, new ClaimsOptions(), null, hospital));
        // the same days on personal leave (请假) count: 31
        BedDayRules.Leave[] personal = [new(false, new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 15))];
        Assert.Equal(31, BedDayRules.Count(stays, 2026, 10, AllOctober, new ClaimsOptions(), null, personal));
        // settings turned round: personal leave not counted, hospital counted
        var swapped = new ClaimsOptions { CountPersonalLeaveDays = false, CountHospitalisedLeaveDays = true };
        Assert.Equal(26, BedDayRules.Count(stays, 2026, 10, AllOctober, swapped, null, personal));
        Assert.Equal(31, BedDayRules.Count(stays, 2026, 10, AllOctober, swapped, null, hospital));
        // the return day as a leave day too: 10..15 → 25; neither end a leave day: 11..14 → 27
        Assert.Equal(25, BedDayRules.Count(stays, 2026, 10, AllOctober, new ClaimsOptions { LeaveReturnDayIsLeave = true }, null, hospital));
        Assert.Equal(27, BedDayRules.Count(stays, 2026, 10, AllOctober, new ClaimsOptions { LeaveStartDayIsLeave = false }, null, hospital));
        // still in hospital since 28 Oct: 28..31 uncounted → 27; a leave from September back 3 Oct: 1..2 uncounted → 29
        Assert.Equal(27, BedDayRules.Count(stays, 2026, 10, AllOctober, new ClaimsOptions(), null, [new(true, new DateOnly(2026, 10, 28), null)]));
        Assert.Equal(29, BedDayRules.Count(stays, 2026, 10, AllOctober, new ClaimsOptions(), null,
            [new(true, new DateOnly(2026, 9, 25), new DateOnly(2026, 10, 3))]));
        // out and back the same day: no leave day
        Assert.Equal(31, BedDayRules.Count(stays, 2026, 10, AllOctober, new ClaimsOptions(), null,
            [new(true, new DateOnly(2026, 10, 7), new DateOnly(2026, 10, 7))]));
    }

    [Fact]
    public void Default_rates_follow_the_documented_table_and_grade_zero_is_not_payable()
    {
        Assert.Equal(80m, ClaimRules.DefaultRate(ClaimRules.Ltc2021, 4));
        Assert.Equal(70m, ClaimRules.DefaultRate(ClaimRules.Gbt42195, 3));
        Assert.Null(ClaimRules.DefaultRate(ClaimRules.Ltc2021, 0));
        Assert.True(ClaimRules.TryParseMonth("2026-10", out var y, out var m) && y == 2026 && m == 10);
        Assert.False(ClaimRules.TryParseMonth("2026-13", out _, out _));
    }
}
