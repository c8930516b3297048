using Yiyang.Modules.Assessments.CarePlans;

namespace Yiyang.Tests.Assessments;

public sealed class CarePlanRulesTests
{
    private static CareLevelMap Map(int[] gbt, int[] ltc, params string[] names) =>
        new(names.Select((n, i) => new CareLevelDef(i, n)).ToList(), gbt, ltc);

    [Theory]
    [InlineData("gbt42195-2022", 0, 0, "自理照护")]
    [InlineData("gbt42195-2022", 2, 2, "二级照护（中度）")]
    [InlineData("gbt42195-2022", 4, 4, "四级照护（完全失能）")]
    [InlineData("ltc-2021", 0, 0, "自理照护")]
    [InlineData("ltc-2021", 3, 3, "三级照护（重度）")]
    [InlineData("ltc-2021", 4, 4, "四级照护（完全失能）")]
    [InlineData("ltc-2021", 5, 4, "四级照护（完全失能）")]
    public void The_default_mapping_follows_the_ability_level_and_puts_the_three_severe_ltc_grades_in_the_top_two(
        string instrument, int level, int expectedCode, string expectedName)
    {
        var care = CareLevelRules.Apply(CareLevelMap.Default, instrument, level)!;
        Assert.Equal(expectedCode, care.Code);
        Assert.Equal(expectedName, care.Name);
    }

    [Fact]
    public void Other_instruments_and_missing_or_out_of_range_levels_have_no_care_level()
    {
        Assert.Null(CareLevelRules.Apply(CareLevelMap.Default, "barthel", 1));
        Assert.Null(CareLevelRules.Apply(CareLevelMap.Default, "gbt42195-2022", null));
        Assert.Null(CareLevelRules.Apply(CareLevelMap.Default, "gbt42195-2022", 5));
        Assert.Null(CareLevelRules.Apply(CareLevelMap.Default, "ltc-2021", -1));
    }

    [Fact]
    public void An_edited_three_level_mapping_applies()
    {
        var map = Map([0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2], "自理", "介助", "介护");
        Assert.Empty(CareLevelRules.Validate(map).ToDictionary());
        Assert.Equal("介助", CareLevelRules.Apply(map, "gbt42195-2022", 2)!.Name);
        Assert.Equal("自理", CareLevelRules.Apply(map, "ltc-2021", 1)!.Name);
        Assert.Equal("介护", CareLevelRules.Apply(map, "ltc-2021", 3)!.Name);
    }

    [Fact]
    public void Validation_names_each_bad_field_in_chinese()
    {
        var errors = CareLevelRules.Validate(new CareLevelMap(
            [new(0, "自理"), new(2, "介助"), new(2, "自理"), new(3, "")],
            [0, 2, 1, 3, 9],
            [0, 1])).ToDictionary();
        Assert.Contains("levels[1].code", errors.Keys);
        Assert.Contains("levels[2].name", errors.Keys); // duplicate
        Assert.Contains("levels[3].name", errors.Keys); // empty
        Assert.Contains("gbt42195[2]", errors.Keys);    // 1 after 2: a worse level maps to a lighter care level
        Assert.Contains("gbt42195[4]", errors.Keys);    // no care level 9
        Assert.Contains("ltc2021", errors.Keys);        // 2 values instead of 6
        Assert.All(errors.Values.SelectMany(v => v), m => Assert.True(Tests.Infrastructure.Api.IsChinese(m), m));
        Assert.Contains("levels", CareLevelRules.Validate(Map([0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], "唯一等级")).ToDictionary().Keys);
        Assert.Contains("levels", CareLevelRules.Validate(null).ToDictionary().Keys);
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-22", true)]
    [InlineData("2026-11-23", "2026-11-23", true)] // due today: 到期, still valid
    [InlineData("2026-11-23", "2026-11-24", false)]
    public void An_assessment_is_valid_up_to_and_including_its_reassessment_date(string nextDue, string day, bool valid) =>
        Assert.Equal(valid, CareLevelRules.ValidOn(DateOnly.Parse(nextDue), DateOnly.Parse(day)));

    [Fact]
    public void Level_2_proposes_visits_daily_care_and_rehabilitation_without_ltc()
    {
        var (goals, items) = CarePlanRules.Propose(new CarePlanOptions(), 2, assessmentValid: true);
        Assert.Equal(3, goals.Count);
        Assert.Equal(["FD-HV", "CARE-DAILY", "CARE-REHAB"], items.Select(i => i.ServiceCode));
        var visits = items[0];
        Assert.Equal((2, "month", "team"), (visits.Count, visits.Unit, visits.Responsible));
        Assert.All(items, i => Assert.False(i.LtcCovered));
    }

    [Fact]
    public void Level_3_proposes_ltc_items_only_while_the_assessment_is_valid()
    {
        var (_, valid) = CarePlanRules.Propose(new CarePlanOptions(), 3, assessmentValid: true);
        Assert.Equal(["CARE-DAILY", "CARE-NURSING"], valid.Where(i => i.LtcCovered).Select(i => i.ServiceCode));
        Assert.Equal(7, valid.Single(i => i.ServiceCode == "CARE-DAILY").Count);
        var (_, expired) = CarePlanRules.Propose(new CarePlanOptions(), 3, assessmentValid: false);
        Assert.Equal(valid.Count, expired.Count);
        Assert.All(expired, i => Assert.False(i.LtcCovered));
    }

    [Fact]
    public void A_level_without_a_template_uses_the_nearest_lower_one_and_ltc_eligibility_is_a_setting()
    {
        var options = new CarePlanOptions { LtcCareLevels = [2] };
        var (_, level2) = CarePlanRules.Propose(options, 2, true);
        Assert.DoesNotContain(level2, i => i.LtcCovered); // the level-2 template marks nothing as LTC
        var (_, level3) = CarePlanRules.Propose(options, 3, true);
        Assert.DoesNotContain(level3, i => i.LtcCovered); // level 3 is not LTC-eligible under this setting
        var (_, level6) = CarePlanRules.Propose(new CarePlanOptions(), 6, true);
        Assert.Equal(["FD-HV", "CARE-DAILY", "CARE-NURSING", "CARE-MEDNURSE"], level6.Select(i => i.ServiceCode)); // the level-4 template
        Assert.DoesNotContain(level6, i => i.LtcCovered); // 6 is not in the default LTC levels 3 and 4
    }

    [Theory]
    [InlineData("2026-01-01", null, "2026-01-01", true)]
    [InlineData("2026-01-01", "2026-03-31", "2026-03-31", true)]
    [InlineData("2026-01-01", "2026-03-31", "2026-04-01", false)]
    [InlineData("2026-01-01", null, "2025-12-31", false)]
    public void An_item_is_active_between_its_dates_inclusive(string start, string? end, string day, bool active) =>
        Assert.Equal(active, CarePlanRules.ActiveOn(DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end), DateOnly.Parse(day)));

    [Theory]
    [InlineData("week", "week")]
    [InlineData("每月", "month")]
    [InlineData("月", "month")]
    [InlineData("day", null)]
    public void Frequency_units_are_week_or_month(string input, string? expected) => Assert.Equal(expected, FrequencyUnits.Parse(input));
}
