using System.Text.Json;
using System.Text.Json.Nodes;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.HealthManagement;
using Yiyang.Platform.Errors;

namespace Yiyang.Tests.HealthManagement;

public sealed class HealthCheckRulesTests
{
    private static readonly HealthCheckForm Form = new(new PhsSelfCareScorer().Definition);

    private static IReadOnlyDictionary<string, Dictionary<string, JsonElement>?> Sections(Dictionary<string, object?> body) =>
        body.Where(kv => kv.Value is not null && kv.Key is not ("elderId" or "checkedOn"))
            .ToDictionary(kv => kv.Key, kv => (Dictionary<string, JsonElement>?)JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
                JsonSerializer.Serialize(kv.Value)));

    private static JsonObject Normalize(Dictionary<string, object?> body, out FieldErrors errors)
    {
        errors = new FieldErrors();
        return Form.Normalize(Sections(body), errors);
    }

    private static JsonObject Complete() => Normalize(HealthManagementApiTests.CompleteCheck(1), out _);

    [Fact]
    public void A_complete_record_has_nothing_missing_and_nothing_abnormal()
    {
        var content = Normalize(HealthManagementApiTests.CompleteCheck(1), out var errors);
        Assert.False(errors.Any);
        var e = Form.Evaluate(content, 3);
        Assert.True(e.Complete);
        Assert.Empty(e.Abnormalities);
        Assert.Equal(22.0m, e.Bmi); // 60 / 1.65² = 22.04
    }

    [Theory]
    [InlineData("physicalExam", "waist", "physicalExam.waist")]
    [InlineData("tests", "ecg", "tests.ecg")]
    [InlineData("tests", "hdl", "tests.hdl")]
    [InlineData("lifestyle", "smoking", "lifestyle.smoking")]
    [InlineData("selfCare", "activity", "selfCare.activity")]
    [InlineData("screening", "affect", "screening.affect")]
    public void Each_required_field_makes_the_record_incomplete_when_absent(string section, string key, string field)
    {
        var body = HealthManagementApiTests.CompleteCheck(1);
        ((Dictionary<string, object?>)body[section]!).Remove(key);
        var e = Form.Evaluate(Normalize(body, out _), 3);
        Assert.False(e.Complete);
        Assert.Equal([field], e.Missing.Select(m => m.Field));
    }

    [Fact]
    public void Guidance_needs_the_results_explained_and_at_least_one_topic()
    {
        var body = HealthManagementApiTests.CompleteCheck(1);
        body["guidance"] = new Dictionary<string, object?> { ["resultsExplained"] = false, ["topics"] = Array.Empty<string>() };
        var e = Form.Evaluate(Normalize(body, out _), 3);
        Assert.Equal(["guidance.resultsExplained", "guidance.topics"], e.Missing.Select(m => m.Field));
    }

    [Fact]
    public void A_positive_screen_needs_its_score_and_is_an_abnormal_finding()
    {
        var body = HealthManagementApiTests.CompleteCheck(1);
        body["screening"] = new Dictionary<string, object?> { ["cognition"] = "positive", ["affect"] = "negative" };
        body["referral"] = new Dictionary<string, object?> { ["needed"] = false };
        var e = Form.Evaluate(Normalize(body, out _), 3);
        Assert.Equal(["screening.mmseScore"], e.Missing.Select(m => m.Field));
        Assert.Equal(["认知功能粗筛阳性"], e.Abnormalities);
        ((Dictionary<string, object?>)body["screening"]!)["mmseScore"] = 22;
        Assert.True(Form.Evaluate(Normalize(body, out _), 3).Complete);
    }

    [Fact]
    public void Diagnosed_hypertension_or_diabetes_needs_chronic_disease_management()
    {
        var body = HealthManagementApiTests.CompleteCheck(1);
        ((Dictionary<string, object?>)body["lifestyle"]!)["chronicDiseases"] = new[] { "diabetes" };
        Assert.Equal(["guidance.chronicManagement"], Form.Evaluate(Normalize(body, out _), 3).Missing.Select(m => m.Field));
        ((Dictionary<string, object?>)body["guidance"]!)["chronicManagement"] = true;
        Assert.True(Form.Evaluate(Normalize(body, out _), 3).Complete);
    }

    [Theory]
    [InlineData(139, 89, null, null)]
    [InlineData(140, 80, null, "血压升高")]
    [InlineData(130, 90, null, "血压升高")]
    [InlineData(128, 78, 6.9, null)]
    [InlineData(128, 78, 7.0, "空腹血糖升高")]
    public void Blood_pressure_and_glucose_thresholds_mark_abnormal_findings(int sys, int dia, double? glucose, string? expected)
    {
        var body = HealthManagementApiTests.CompleteCheck(1);
        var exam = (Dictionary<string, object?>)body["physicalExam"]!;
        exam["systolic"] = sys;
        exam["diastolic"] = dia;
        if (glucose is { } g) ((Dictionary<string, object?>)body["tests"]!)["fastingGlucose"] = g;
        var abnormal = Form.Abnormalities(Normalize(body, out _), 3);
        if (expected is null) Assert.Empty(abnormal);
        else Assert.Equal([expected], abnormal);
    }

    [Fact]
    public void Abnormal_findings_need_a_referral_decision_and_a_referral_names_where_to()
    {
        var body = HealthManagementApiTests.CompleteCheck(1);
        ((Dictionary<string, object?>)body["tests"]!)["ecg"] = "abnormal";
        Assert.Equal(["referral.needed"], Form.Evaluate(Normalize(body, out _), 3).Missing.Select(m => m.Field));
        body["referral"] = new Dictionary<string, object?> { ["needed"] = true };
        Assert.Equal(["referral.to"], Form.Evaluate(Normalize(body, out _), 3).Missing.Select(m => m.Field));
        body["referral"] = new Dictionary<string, object?> { ["needed"] = true, ["to"] = "区医院心内科" };
        var e = Form.Evaluate(Normalize(body, out _), 3);
        Assert.True(e.Complete);
        Assert.Equal(["心电图异常"], e.Abnormalities);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void Self_care_below_independent_is_abnormal(int total, bool abnormal) =>
        Assert.Equal(abnormal, Form.Abnormalities(Complete(), total).Contains("生活自理能力下降"));

    [Theory]
    [InlineData(160, 47.3, 18.5)] // 47.3 / 2.56 = 18.48 → 18.5
    [InlineData(170, 80.9, 28.0)] // 80.9 / 2.89 = 27.99 → 28.0
    [InlineData(155, 52, 21.6)]
    public void Bmi_is_weight_over_height_squared_with_one_decimal(double height, double weight, double bmi) =>
        Assert.Equal((decimal)bmi, HealthCheckForm.Bmi((decimal)height, (decimal)weight));

    [Fact]
    public void Bmi_needs_height_and_weight() => Assert.Null(HealthCheckForm.Bmi(null, 60m));

    [Fact]
    public void Normalizing_accepts_chinese_names_and_rounds_to_the_fields_decimals()
    {
        var body = HealthManagementApiTests.CompleteCheck(1);
        ((Dictionary<string, object?>)body["lifestyle"]!)["smoking"] = "已戒烟";
        ((Dictionary<string, object?>)body["physicalExam"]!)["temperature"] = 36.55;
        ((Dictionary<string, object?>)body["physicalExam"]!)["pulse"] = "72";
        ((Dictionary<string, object?>)body["tests"]!)["urineProtein"] = "++";
        var content = Normalize(body, out var errors);
        Assert.False(errors.Any);
        Assert.Equal("former", HealthCheckForm.Code(content, "lifestyle", "smoking"));
        Assert.Equal(36.6m, HealthCheckForm.Number(content, "physicalExam", "temperature"));
        Assert.Equal(72m, HealthCheckForm.Number(content, "physicalExam", "pulse"));
        Assert.Equal("2+", HealthCheckForm.Code(content, "tests", "urineProtein"));
        Assert.Contains("尿蛋白阳性", Form.Abnormalities(content, 3));
    }

    [Fact]
    public void Out_of_range_unknown_and_mistyped_values_are_field_errors()
    {
        var body = HealthManagementApiTests.CompleteCheck(1);
        var exam = (Dictionary<string, object?>)body["physicalExam"]!;
        exam["systolic"] = 120;
        exam["diastolic"] = 120;
        exam["visionLeft"] = 2.1;
        exam["nose"] = "normal";
        ((Dictionary<string, object?>)body["selfCare"]!)["dressing"] = 1;
        ((Dictionary<string, object?>)body["guidance"]!)["topics"] = new[] { "massage" };
        body["extra"] = new Dictionary<string, object?> { ["x"] = 1 };
        var errors = new FieldErrors();
        Form.Normalize(Sections(body), errors);
        var d = errors.ToDictionary();
        Assert.Equal(
            new[] { "extra", "guidance.topics", "physicalExam.diastolic", "physicalExam.nose", "physicalExam.visionLeft", "selfCare.dressing" },
            d.Keys.Order());
    }

    [Fact]
    public void The_self_care_section_uses_the_scores_of_the_phs_selfcare_table()
    {
        var meal = Form.Find("selfCare.meal")!;
        Assert.Equal(["0", "3", "5"], meal.Choices!.Select(c => c.Code));
        Assert.Equal(["0", "1", "5", "10"], Form.Find("selfCare.toileting")!.Choices!.Select(c => c.Code));
    }
}

public sealed class FollowupAndIndicatorRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData(2, 5, 40.00)]
    [InlineData(1, 3, 33.33)]
    [InlineData(2, 3, 66.67)]
    [InlineData(1, 8, 12.50)]
    [InlineData(0, 4, 0.00)]
    public void Rates_are_percentages_with_two_decimals(int numerator, int denominator, double rate) =>
        Assert.Equal((decimal)rate, IndicatorRules.Rate(numerator, denominator));

    [Fact]
    public void There_is_no_rate_without_a_population() => Assert.Null(IndicatorRules.Rate(0, 0));

    [Theory]
    [InlineData("610202100000", "610202100")]
    [InlineData("610202100", "610202100")]
    [InlineData("610202", "610202")]
    [InlineData("6102", "6102")]
    [InlineData("610202100123", "610202100123")]
    public void A_12_digit_township_code_reads_as_the_township(string input, string expected) =>
        Assert.Equal(expected, IndicatorRules.NormalizeRegion(input));

    [Fact]
    public void Targets_have_defaults_and_can_be_set_per_year()
    {
        var o = new HealthManagementOptions();
        Assert.Equal(65m, o.TargetFor(IndicatorCodes.HealthManagement, 2026));
        Assert.Equal(70m, o.TargetFor(IndicatorCodes.TcmManagement, 2026));
        Assert.Null(o.TargetFor(IndicatorCodes.DisabledAssessment, 2026));
        o.TargetsByYear["2025"] = new() { [IndicatorCodes.TcmManagement] = 75m };
        Assert.Equal(75m, o.TargetFor(IndicatorCodes.TcmManagement, 2025));
        Assert.Equal(70m, o.TargetFor(IndicatorCodes.TcmManagement, 2026));
    }

    [Fact]
    public void Tcm_guidance_must_cover_the_five_areas()
    {
        Assert.Empty(TcmRecords.Missing(["emotion", "diet", "daily-life", "exercise", "acupoint"]));
        Assert.Equal(["中医药保健指导：起居调摄", "中医药保健指导：运动保健", "中医药保健指导：穴位保健"],
            TcmRecords.Missing(["emotion", "diet"]).Select(m => m.Name));
    }

    private static FollowupInput Input(string disease = "hypertension", string way = "clinic", int? sys = 132, int? dia = 84, decimal? glucose = null,
        DateOnly? on = null, DateOnly? next = null) =>
        new(1, disease, on ?? Today, way, ["none"], sys, dia, glucose, "regular", "satisfied", next, null);

    [Fact]
    public void A_clinic_follow_up_of_hypertension_needs_a_blood_pressure_but_a_phone_one_does_not()
    {
        var errors = new FieldErrors();
        FollowupRules.Validate(Input(sys: null, dia: null), Today, errors);
        Assert.True(errors.Has("systolic"));
        errors = new FieldErrors();
        FollowupRules.Validate(Input(way: "电话", sys: null, dia: null), Today, errors);
        Assert.False(errors.Any);
    }

    [Fact]
    public void A_home_follow_up_of_diabetes_needs_a_fasting_glucose()
    {
        var errors = new FieldErrors();
        FollowupRules.Validate(Input("diabetes", "home", null, null), Today, errors);
        Assert.Equal(["fastingGlucose"], errors.ToDictionary().Keys);
        errors = new FieldErrors();
        var v = FollowupRules.Validate(Input("2 型糖尿病", "家庭", null, null, 6.1m), Today, errors);
        Assert.False(errors.Any);
        Assert.Equal(("diabetes", "home"), (v.Disease, v.Way));
    }

    [Fact]
    public void Dates_and_pressures_are_checked()
    {
        var errors = new FieldErrors();
        FollowupRules.Validate(Input(sys: 120, dia: 120, on: Today.AddDays(1), next: Today), Today, errors);
        Assert.Equal(new[] { "diastolic", "followedOn", "nextOn" }, errors.ToDictionary().Keys.Order());
    }

    [Fact]
    public void Yearly_counts_are_per_disease_against_the_requirement()
    {
        var counts = FollowupRules.Counts(["diabetes", "hypertension", "hypertension", "hypertension", "hypertension", "diabetes"], 4);
        Assert.Equal(2, counts.Count);
        Assert.Equal(("hypertension", 4, true), (counts[0].Disease, counts[0].Count, counts[0].Met));
        Assert.Equal(("diabetes", 2, false), (counts[1].Disease, counts[1].Count, counts[1].Met));
    }
}
