using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Platform.Errors;

namespace Yiyang.Tests.Assessments;

public sealed class TcmConstitutionScorerTests
{
    private static readonly TcmConstitutionScorer Scorer = new();

    /// <summary>All 33 questions answered 没有 (1), then the given changes.</summary>
    private static Dictionary<string, int?> Answers(params (int Q, int Value)[] changes)
    {
        var a = Enumerable.Range(1, 33).ToDictionary(n => "Q" + n, _ => (int?)1);
        foreach (var (q, v) in changes) a["Q" + q] = v;
        return a;
    }

    private static TcmResult Score(Dictionary<string, int?> items, decimal? height = null, decimal? weight = null, decimal? waist = null) =>
        (TcmResult)Scorer.Score(new AssessmentAnswers(items) { Height = height, Weight = weight, Waist = waist });

    private static ConstitutionResult C(TcmResult r, string name) => r.Constitutions.Single(c => c.Name == name);

    [Fact]
    public void The_form_lists_nine_constitutions_biased_types_first_then_balanced()
    {
        var r = Score(Answers());
        Assert.Equal(["气虚质", "阳虚质", "阴虚质", "痰湿质", "湿热质", "血瘀质", "气郁质", "特禀质", "平和质"],
            r.Constitutions.Select(c => c.Name));
        Assert.Equal(["B", "C", "D", "E", "F", "G", "H", "I", "A"], r.Constitutions.Select(c => c.Code));
    }

    [Fact]
    public void Answering_never_to_everything_gives_balanced_21_yes_and_every_biased_type_4_no()
    {
        // 平和质 = Q1 (1) + reversed Q2, Q4, Q5, Q13 (6 − 1 = 5 each) = 21
        var r = Score(Answers());
        Assert.All(r.Constitutions.Take(8), c => Assert.Equal((4, "否"), (c.Sum, c.Verdict)));
        Assert.Equal((21, "是"), (C(r, "平和质").Sum, C(r, "平和质").Verdict));
        Assert.False(r.NothingIdentified);
        Assert.Equal(TcmConstitutionScorer.Topics, C(r, "平和质").GuidanceTopics);
        Assert.All(r.Constitutions.Take(8), c => Assert.Empty(c.GuidanceTopics));
        Assert.Equal("体质辨识：平和质（是）。", r.Conclusion);
    }

    [Theory]
    [InlineData(2, 2, 2, 2, 8, "否")]
    [InlineData(3, 2, 2, 2, 9, "倾向是")]
    [InlineData(3, 3, 2, 2, 10, "倾向是")]
    [InlineData(3, 3, 3, 2, 11, "是")]
    public void A_biased_type_is_no_up_to_8_leaning_at_9_and_10_and_yes_from_11(int q23, int q25, int q27, int q30, int sum, string verdict)
    {
        var r = Score(Answers((23, q23), (25, q25), (27, q27), (30, q30)));
        var damp = C(r, "湿热质");
        Assert.Equal((sum, verdict), (damp.Sum, damp.Verdict));
        Assert.Equal(verdict == "否" ? 0 : 5, damp.GuidanceTopics.Count);
    }

    [Fact]
    public void Question_2_counts_raw_for_qi_deficiency_and_reversed_for_balanced()
    {
        // Q2 = 5: 气虚 = 5 + 1 + 1 + 1 = 8 (否); 平和 = 1 + (6 − 5) + 5 + 5 + 5 = 17 (是, every biased sum ≤ 8)
        var r = Score(Answers((2, 5)));
        Assert.Equal((8, "否"), (C(r, "气虚质").Sum, C(r, "气虚质").Verdict));
        Assert.Equal((17, "是"), (C(r, "平和质").Sum, C(r, "平和质").Verdict));
        // and Q4 = 2 as well: 气虚 = 5 + 1 + 2 + 1 = 9 (倾向是); 平和 = 1 + 1 + 4 + 5 + 5 = 16 (否)
        var r2 = Score(Answers((2, 5), (4, 2)));
        Assert.Equal((9, "倾向是"), (C(r2, "气虚质").Sum, C(r2, "气虚质").Verdict));
        Assert.Equal((16, "否"), (C(r2, "平和质").Sum, C(r2, "平和质").Verdict));
    }

    [Fact]
    public void Questions_5_and_13_are_reversed_for_balanced_too()
    {
        // Q13 = 4: 阳虚 = 1 + 1 + 4 + 1 = 7; 平和 = 1 + 5 + 5 + 5 + (6 − 4) = 18
        var r = Score(Answers((13, 4)));
        Assert.Equal(7, C(r, "阳虚质").Sum);
        Assert.Equal(18, C(r, "平和质").Sum);
        // Q5 = 3: 气郁 = 3 + 1 + 1 + 1 = 6; 平和 = 1 + 5 + 5 + (6 − 3) + 5 = 19
        var r5 = Score(Answers((5, 3)));
        Assert.Equal(6, C(r5, "气郁质").Sum);
        Assert.Equal(19, C(r5, "平和质").Sum);
    }

    [Fact]
    public void Balanced_is_basically_yes_when_a_biased_type_is_9_or_10_and_no_when_one_reaches_11()
    {
        // 痰湿 Q9, Q16, Q28, Q32: 1 + 3 + 1 + 4 = 9 → 倾向是, 平和 21 → 基本是
        var r9 = Score(Answers((16, 3), (32, 4)));
        Assert.Equal((9, "倾向是"), (C(r9, "痰湿质").Sum, C(r9, "痰湿质").Verdict));
        Assert.Equal("基本是", C(r9, "平和质").Verdict);
        Assert.Equal(5, C(r9, "平和质").GuidanceTopics.Count);
        // 1 + 4 + 1 + 4 = 10 → still 基本是
        Assert.Equal("基本是", C(Score(Answers((16, 4), (32, 4))), "平和质").Verdict);
        // 1 + 5 + 1 + 4 = 11 → 痰湿 是, 平和 否
        var r11 = Score(Answers((16, 5), (32, 4)));
        Assert.Equal("是", C(r11, "痰湿质").Verdict);
        Assert.Equal((21, "否"), (C(r11, "平和质").Sum, C(r11, "平和质").Verdict));
    }

    [Fact]
    public void Balanced_needs_at_least_17()
    {
        // Q2, Q4, Q5, Q13 = 2: 平和 = 1 + 4 × 4 = 17 → 是 (气虚 = 2 + 1 + 2 + 1 = 6)
        Assert.Equal((17, "是"), (C(Score(Answers((2, 2), (4, 2), (5, 2), (13, 2))), "平和质").Sum,
            C(Score(Answers((2, 2), (4, 2), (5, 2), (13, 2))), "平和质").Verdict));
        // Q13 = 3 instead: 平和 = 1 + 4 + 4 + 4 + 3 = 16 → 否
        var r = Score(Answers((2, 2), (4, 2), (5, 2), (13, 3)));
        Assert.Equal((16, "否"), (C(r, "平和质").Sum, C(r, "平和质").Verdict));
    }

    [Fact]
    public void When_nothing_is_identified_the_result_says_so()
    {
        // Q1 = 1 and Q2, Q4, Q5, Q13 = 3: 平和 = 1 + 3 × 4 = 13 (< 17); 气虚 = 3 + 1 + 3 + 1 = 8, 阳虚 6, 气郁 6 (all ≤ 8)
        var r = Score(Answers((2, 3), (4, 3), (5, 3), (13, 3)));
        Assert.Equal(8, C(r, "气虚质").Sum);
        Assert.Equal(13, C(r, "平和质").Sum);
        Assert.All(r.Constitutions, c => Assert.Equal("否", c.Verdict));
        Assert.All(r.Constitutions, c => Assert.Empty(c.GuidanceTopics));
        Assert.True(r.NothingIdentified);
        Assert.Contains("未辨识出明确的体质类型", r.Conclusion);
    }

    [Fact]
    public void Several_biased_types_can_be_identified_together()
    {
        var r = Score(Answers((3, 4), (14, 4), (2, 3), (11, 3), (12, 3), (29, 3)));
        // 气虚 = 3 + 4 + 1 + 4 = 12 是; 阳虚 = 3 + 3 + 1 + 3 = 10 倾向是
        Assert.Equal((12, "是"), (C(r, "气虚质").Sum, C(r, "气虚质").Verdict));
        Assert.Equal((10, "倾向是"), (C(r, "阳虚质").Sum, C(r, "阳虚质").Verdict));
        Assert.Equal("体质辨识：气虚质（是）、阳虚质（倾向是）。", r.Conclusion);
    }

    [Theory]
    [InlineData(23.99, 1)]
    [InlineData(24, 2)]
    [InlineData(24.99, 2)]
    [InlineData(25, 3)]
    [InlineData(25.99, 3)]
    [InlineData(26, 4)]
    [InlineData(27.99, 4)]
    [InlineData(28, 5)]
    public void Q9_is_preset_from_the_BMI_bands(double bmi, int expected) =>
        Assert.Equal(expected, TcmConstitutionScorer.Q9FromBmi((decimal)bmi));

    [Theory]
    [InlineData(79, 1)]
    [InlineData(80, 2)]
    [InlineData(85, 2)]
    [InlineData(86, 3)]
    [InlineData(90, 3)]
    [InlineData(91, 4)]
    [InlineData(105, 4)]
    [InlineData(106, 5)]
    public void Q28_is_preset_from_the_waist_bands(int waist, int expected) =>
        Assert.Equal(expected, TcmConstitutionScorer.Q28FromWaist(waist));

    [Fact]
    public void Height_weight_and_waist_fill_unanswered_Q9_and_Q28()
    {
        // 170 cm, 75 kg → BMI 75 / 1.7² = 25.95 → Q9 = 3; waist 92 → Q28 = 4; 痰湿 = 3 + 1 + 4 + 1 = 9
        var items = Answers();
        items.Remove("Q9");
        items.Remove("Q28");
        var r = Score(items, height: 170, weight: 75, waist: 92);
        Assert.Equal(3, r.Presets["Q9"]);
        Assert.Equal(4, r.Presets["Q28"]);
        Assert.Equal((9, "倾向是"), (C(r, "痰湿质").Sum, C(r, "痰湿质").Verdict));
    }

    [Fact]
    public void An_explicit_answer_wins_over_the_preset()
    {
        // Q9 answered 1 although BMI gives 3: 痰湿 = 1 + 1 + 4 + 1 = 7
        var r = Score(Answers((28, 4)), height: 170, weight: 75);
        Assert.Equal(7, C(r, "痰湿质").Sum);
    }

    [Fact]
    public void Height_without_weight_and_out_of_range_answers_are_refused()
    {
        var e = Assert.Throws<ValidationFailedException>(() =>
            Score(Answers((1, 0), (33, 6)).With(("Q34", 1)), height: 170, waist: 500));
        Assert.True(e.Errors.ContainsKey("weight"));
        Assert.True(e.Errors.ContainsKey("waist"));
        Assert.True(e.Errors.ContainsKey("items.Q1"));
        Assert.True(e.Errors.ContainsKey("items.Q33"));
        Assert.True(e.Errors.ContainsKey("items.Q34"));
    }

    [Fact]
    public void A_missing_question_is_refused_naming_it()
    {
        var e = Assert.Throws<ValidationFailedException>(() => Score(Answers().Without("Q17")));
        Assert.Contains("过敏", Assert.Single(e.Errors["items.Q17"]));
    }
}
