using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Platform.Errors;
using static Yiyang.Tests.Assessments.AnswerBuilder;

namespace Yiyang.Tests.Assessments;

public sealed class Gbt42195ScorerTests
{
    private static readonly Gbt42195Scorer Default = new(new AssessmentOptions());
    private static readonly Gbt42195Scorer Stacking = new(new AssessmentOptions { StackGradeChanges = true });

    /// <summary>The worked example of <see cref="AnswerBuilder.Gbt75"/>: total 75, level 1.</summary>
    private static Dictionary<string, int?> Example75() => Gbt75().ToDictionary(k => k.Key, k => (int?)k.Value);

    /// <summary>Answers with the given total: items filled in order with the largest value that fits.</summary>
    private static Dictionary<string, int?> WithTotal(int total)
    {
        var answers = new Dictionary<string, int?>();
        var left = total;
        foreach (var item in Default.Definition.AllItems)
        {
            var v = Math.Min(item.Max, left);
            answers[item.Key] = v;
            left -= v;
        }
        return answers;
    }

    private static Gbt42195Result Score(Dictionary<string, int?> items, Gbt42195Scorer? scorer = null, bool coma = false,
        string[]? diagnoses = null, bool psychiatrist = false, Dictionary<string, int>? events = null) =>
        (Gbt42195Result)(scorer ?? Default).Score(new AssessmentAnswers(items)
        {
            Coma = coma,
            Diagnoses = diagnoses,
            PsychiatristDiagnosed = psychiatrist,
            RiskEvents30d = events,
        });

    [Fact]
    public void The_definition_has_26_items_in_four_indicators_with_a_maximum_of_90()
    {
        var d = Default.Definition;
        Assert.Equal(["B1", "B2", "B3", "B4"], d.Sections.Select(s => s.Code));
        Assert.Equal([32, 15, 28, 15], d.Sections.Select(s => s.MaxSubtotal));
        Assert.Equal(26, d.AllItems.Count());
        Assert.Equal(3, d.AllItems.Single(i => i.Key == "B2.4").Max);
        Assert.Equal(2, d.AllItems.Single(i => i.Key == "B3.9").Max);
        Assert.Equal(1, d.AllItems.Single(i => i.Key == "B3.7").Max);
    }

    [Fact]
    public void The_worked_example_gives_four_subtotals_a_total_of_75_and_level_1()
    {
        var r = Score(Example75());
        Assert.Equal([25, 12, 27, 11], r.Subtotals.Select(s => s.Score));
        Assert.Equal(["自理能力", "基础运动能力", "精神状态", "感知觉与社会参与"], r.Subtotals.Select(s => s.Name));
        Assert.Equal(75, r.Total);
        Assert.Equal(new Level(1, "能力轻度受损（轻度失能）"), r.PreliminaryLevel);
        Assert.Equal(r.PreliminaryLevel, r.FinalLevel);
        Assert.Empty(r.Adjustments);
    }

    [Theory]
    [InlineData(90, 0, "能力完好")]
    [InlineData(89, 1, "能力轻度受损（轻度失能）")]
    [InlineData(66, 1, "能力轻度受损（轻度失能）")]
    [InlineData(65, 2, "能力中度受损（中度失能）")]
    [InlineData(46, 2, "能力中度受损（中度失能）")]
    [InlineData(45, 3, "能力重度受损（重度失能）")]
    [InlineData(30, 3, "能力重度受损（重度失能）")]
    [InlineData(29, 4, "能力完全丧失（完全失能）")]
    [InlineData(0, 4, "能力完全丧失（完全失能）")]
    public void The_preliminary_level_follows_the_total_bands(int total, int code, string name)
    {
        var r = Score(WithTotal(total));
        Assert.Equal(total, r.Total);
        Assert.Equal(new Level(code, name), r.PreliminaryLevel);
        Assert.Equal(r.PreliminaryLevel, r.FinalLevel);
    }

    [Fact]
    public void Coma_makes_the_final_level_complete_loss_directly()
    {
        var r = Score(Example75(), coma: true);
        Assert.Equal(1, r.PreliminaryLevel.Code);
        Assert.Equal(new Level(4, "能力完全丧失（完全失能）"), r.FinalLevel);
        Assert.Equal("coma", Assert.Single(r.Adjustments).Code);
    }

    [Fact]
    public void Coma_even_from_an_intact_total_of_90_gives_level_4()
    {
        var r = Score(WithTotal(90), coma: true);
        Assert.Equal(0, r.PreliminaryLevel.Code);
        Assert.Equal(4, r.FinalLevel.Code);
    }

    [Theory]
    [InlineData("F00.1")]
    [InlineData("F01.9")]
    [InlineData("F02")]
    [InlineData("f03")]
    public void A_dementia_diagnosis_F00_to_F03_raises_one_level(string icd)
    {
        var r = Score(Example75(), diagnoses: [icd]);
        Assert.Equal(2, r.FinalLevel.Code);
        Assert.Equal("dementia", Assert.Single(r.Adjustments).Code);
        Assert.Contains("痴呆", r.Adjustments[0].Reason);
    }

    [Fact]
    public void Another_mental_disorder_raises_one_level_only_when_a_psychiatrist_diagnosed_it()
    {
        Assert.Equal(1, Score(Example75(), diagnoses: ["F32.1"]).FinalLevel.Code);
        var r = Score(Example75(), diagnoses: ["F32.1"], psychiatrist: true);
        Assert.Equal(2, r.FinalLevel.Code);
        Assert.Equal("mental-disorder", Assert.Single(r.Adjustments).Code);
        Assert.Equal(2, Score(Example75(), diagnoses: ["F04"], psychiatrist: true).FinalLevel.Code);
    }

    [Fact]
    public void A_non_mental_diagnosis_changes_nothing_even_with_a_psychiatrist()
    {
        var r = Score(Example75(), diagnoses: ["I10", "E11.9"], psychiatrist: true);
        Assert.Equal(1, r.FinalLevel.Code);
        Assert.Empty(r.Adjustments);
    }

    [Fact]
    public void Two_care_risk_events_summed_across_types_raise_one_level_but_one_does_not()
    {
        Assert.Equal(1, Score(Example75(), events: new() { ["fall"] = 1 }).FinalLevel.Code);
        var r = Score(Example75(), events: new() { ["fall"] = 1, ["choking"] = 1 });
        Assert.Equal(2, r.FinalLevel.Code);
        Assert.Equal("risk-events", Assert.Single(r.Adjustments).Code);
        Assert.Equal(2, Score(Example75(), events: new() { ["wandering"] = 3 }).FinalLevel.Code);
    }

    [Fact]
    public void By_default_dementia_and_risk_events_together_raise_one_level_in_total()
    {
        var r = Score(Example75(), diagnoses: ["F01.9"], events: new() { ["fall"] = 2 });
        Assert.Equal(2, r.FinalLevel.Code);
        Assert.Equal(["dementia", "risk-events"], r.Adjustments.Select(a => a.Code));
        Assert.Contains("不叠加", r.Adjustments[1].Reason);
    }

    [Fact]
    public void With_stacking_switched_on_dementia_and_risk_events_raise_two_levels()
    {
        var r = Score(Example75(), Stacking, diagnoses: ["F01.9"], events: new() { ["fall"] = 2 });
        Assert.Equal(3, r.FinalLevel.Code);
        Assert.Equal(["dementia", "risk-events"], r.Adjustments.Select(a => a.Code));
    }

    [Fact]
    public void Stacking_never_goes_past_complete_loss()
    {
        var r = Score(WithTotal(40), Stacking, diagnoses: ["F00"], events: new() { ["fall"] = 1, ["other"] = 1 });
        Assert.Equal(3, r.PreliminaryLevel.Code);
        Assert.Equal(4, r.FinalLevel.Code);
        Assert.Contains(r.Adjustments, a => a.Code == "capped");
    }

    [Fact]
    public void A_raise_from_level_4_stays_at_level_4()
    {
        var r = Score(WithTotal(10), diagnoses: ["F03"]);
        Assert.Equal(4, r.PreliminaryLevel.Code);
        Assert.Equal(4, r.FinalLevel.Code);
        Assert.Equal(["dementia", "capped"], r.Adjustments.Select(a => a.Code));
    }

    [Fact]
    public void A_missing_item_is_refused_naming_the_item()
    {
        var e = Assert.Throws<ValidationFailedException>(() => Score(Example75().Without("B1.1")));
        Assert.Contains("进食", Assert.Single(e.Errors["items.B1.1"]));
        Assert.Single(e.Errors);
    }

    [Fact]
    public void An_out_of_range_item_is_refused_naming_the_item()
    {
        var e = Assert.Throws<ValidationFailedException>(() => Score(Example75().With(("B2.4", 4), ("B3.7", 2))));
        Assert.Contains("0、1、2、3", e.Errors["items.B2.4"][0]);
        Assert.True(e.Errors.ContainsKey("items.B3.7"));
    }

    [Fact]
    public void Unknown_items_bad_ICD_codes_and_unknown_event_types_are_refused()
    {
        var e = Assert.Throws<ValidationFailedException>(() =>
            Score(Example75().With(("B9.9", 1)), diagnoses: ["I10", "老年痴呆"], events: new() { ["lost"] = 1, ["fall"] = -1 }));
        Assert.True(e.Errors.ContainsKey("items.B9.9"));
        Assert.True(e.Errors.ContainsKey("diagnoses[1]"));
        Assert.False(e.Errors.ContainsKey("diagnoses[0]"));
        Assert.True(e.Errors.ContainsKey("riskEvents30d.lost"));
        Assert.True(e.Errors.ContainsKey("riskEvents30d.fall"));
    }
}
