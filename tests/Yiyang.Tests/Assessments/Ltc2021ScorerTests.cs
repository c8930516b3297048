using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Platform.Errors;
using static Yiyang.Tests.Assessments.AnswerBuilder;

namespace Yiyang.Tests.Assessments;

public sealed class Ltc2021ScorerTests
{
    private static readonly Ltc2021Scorer Scorer = new(new LtcTables());

    /// <summary>Answers with the given first-level totals (items filled in order with the largest value that fits).</summary>
    private static Dictionary<string, int?> Totals(int adl, int cognition, int perception)
    {
        var answers = new Dictionary<string, int?>();
        FillSection(answers, Scorer.Definition.Sections[0], adl);
        FillSection(answers, Scorer.Definition.Sections[1], cognition);
        FillSection(answers, Scorer.Definition.Sections[2], perception);
        return answers;
    }

    private static Ltc2021Result Score(int adl, int cognition, int perception, Ltc2021Scorer? scorer = null) =>
        (Ltc2021Result)(scorer ?? Scorer).Score(new AssessmentAnswers(Totals(adl, cognition, perception)));

    [Fact]
    public void The_definition_has_17_items_with_maxima_100_16_and_12()
    {
        Assert.Equal(17, Scorer.Definition.AllItems.Count());
        Assert.Equal([100, 16, 12], Scorer.Definition.Sections.Select(s => s.MaxSubtotal));
        Assert.Equal([10, 5, 0], Scorer.Definition.AllItems.Single(i => i.Key == "adl.eating").Options.Select(o => o.Value));
        Assert.Equal([15, 10, 5, 0], Scorer.Definition.AllItems.Single(i => i.Key == "adl.walking").Options.Select(o => o.Value));
    }

    [Fact]
    public void A_hand_scored_assessment_reports_the_three_totals_and_grade()
    {
        // ADL: 10+5+5+10+5+10+10+10+5+0 = 70 (轻度受损); cognition 3+3+2+2 = 10 (中度受损);
        // perception 4+3+4 = 11 (轻度受损); worse of 中度/轻度 = 中度 → row 轻度, column 中度 → 1 轻度失能
        var r = (Ltc2021Result)Scorer.Score(new AssessmentAnswers(Items(
            ("adl.eating", 10), ("adl.dressing", 5), ("adl.faceAndMouth", 5), ("adl.bowel", 10), ("adl.bladder", 5),
            ("adl.toilet", 10), ("adl.walking", 10), ("adl.transfer", 10), ("adl.stairs", 5), ("adl.bathing", 0),
            ("cog.time", 3), ("cog.person", 3), ("cog.place", 2), ("cog.memory", 2),
            ("per.vision", 4), ("per.hearing", 3), ("per.communication", 4))));
        Assert.Equal((70, 10, 11), (r.AdlTotal, r.CognitionTotal, r.PerceptionTotal));
        Assert.Equal(new LtcBands(new(1, "轻度受损"), new(2, "中度受损"), new(1, "轻度受损")), r.Bands);
        Assert.Equal(new Level(1, "轻度失能"), r.Grade);
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(95, 1)]
    [InlineData(65, 1)]
    [InlineData(60, 2)]
    [InlineData(45, 2)]
    [InlineData(40, 3)]
    [InlineData(0, 3)]
    public void ADL_bands_are_100_65_95_45_60_and_40_or_less(int adl, int band) =>
        Assert.Equal(band, Score(adl, 16, 12).Bands.Adl.Code);

    [Theory]
    [InlineData(16, 0)]
    [InlineData(15, 1)]
    [InlineData(12, 1)]
    [InlineData(11, 2)]
    [InlineData(4, 2)]
    [InlineData(3, 3)]
    [InlineData(0, 3)]
    public void Cognition_bands_are_16_12_15_4_11_and_3_or_less(int cognition, int band) =>
        Assert.Equal(band, Score(100, cognition, 12).Bands.Cognition.Code);

    [Theory]
    [InlineData(12, 0)]
    [InlineData(11, 1)]
    [InlineData(8, 1)]
    [InlineData(7, 2)]
    [InlineData(4, 2)]
    [InlineData(3, 3)]
    [InlineData(0, 3)]
    public void Perception_bands_are_12_8_11_4_7_and_3_or_less(int perception, int band) =>
        Assert.Equal(band, Score(100, 16, perception).Bands.Perception.Code);

    [Theory]
    [InlineData(100, 16, 12, 0, "基本正常")]     // 完好 × 完好
    [InlineData(100, 0, 12, 1, "轻度失能")]      // 完好 × 重度 (cognition)
    [InlineData(100, 16, 0, 1, "轻度失能")]      // 完好 × 重度 (perception)
    [InlineData(100, 12, 12, 0, "基本正常")]     // 完好 × 轻度
    [InlineData(95, 16, 12, 1, "轻度失能")]      // 轻度 × 完好
    [InlineData(95, 16, 3, 2, "中度失能")]       // 轻度 × 重度
    [InlineData(60, 16, 12, 2, "中度失能")]      // 中度 × 完好
    [InlineData(60, 16, 3, 3, "重度失能Ⅰ级")]   // 中度 × 重度
    [InlineData(0, 16, 12, 3, "重度失能Ⅰ级")]   // 重度 × 完好
    [InlineData(40, 8, 12, 4, "重度失能Ⅱ级")]   // 重度 × 中度
    [InlineData(0, 0, 0, 5, "重度失能Ⅲ级")]     // 重度 × 重度
    public void The_grade_is_read_from_the_matrix_at_ADL_and_the_worse_of_cognition_and_perception(
        int adl, int cognition, int perception, int grade, string name) =>
        Assert.Equal(new Level(grade, name), Score(adl, cognition, perception).Grade);

    [Fact]
    public void An_edited_matrix_and_band_table_are_used()
    {
        var tables = new LtcTables
        {
            GradeMatrix = [0, 1, 2, 3, 1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 5],
            CognitionBands =
            [
                new() { Code = 0, Name = "能力完好", Min = 15, Max = 16 },
                new() { Code = 1, Name = "轻度受损", Min = 10, Max = 14 },
                new() { Code = 2, Name = "中度受损", Min = 5, Max = 9 },
                new() { Code = 3, Name = "重度受损", Min = 0, Max = 4 },
            ],
        };
        var r = Score(100, 15, 12, new Ltc2021Scorer(tables));
        Assert.Equal(0, r.Bands.Cognition.Code);
        Assert.Equal(0, r.Grade.Code);
        Assert.Equal(new Level(1, "轻度失能"), Score(100, 14, 12, new Ltc2021Scorer(tables)).Grade);
    }

    [Fact]
    public void The_default_tables_are_valid_and_a_gap_or_a_short_matrix_is_reported()
    {
        Assert.Empty(new LtcTables().Problems());
        var broken = new LtcTables
        {
            GradeMatrix = [0, 1, 2],
            PerceptionBands =
            [
                new() { Code = 0, Name = "能力完好", Min = 12, Max = 12 },
                new() { Code = 1, Name = "轻度受损", Min = 8, Max = 10 },
                new() { Code = 2, Name = "中度受损", Min = 4, Max = 7 },
                new() { Code = 3, Name = "重度受损", Min = 0, Max = 3 },
            ],
        };
        var problems = broken.Problems();
        Assert.Contains(problems, p => p.Contains("得分 11", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("16", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() =>
            new InstrumentCatalog(Microsoft.Extensions.Options.Options.Create(new AssessmentOptions { Ltc2021 = broken })));
    }

    [Fact]
    public void A_missing_cognition_item_is_refused_naming_it()
    {
        var e = Assert.Throws<ValidationFailedException>(() =>
            Scorer.Score(new AssessmentAnswers(Totals(100, 16, 12).Without("cog.memory").With(("per.vision", 5)))));
        Assert.Contains("记忆力", e.Errors["items.cog.memory"][0]);
        Assert.True(e.Errors.ContainsKey("items.per.vision"));
    }
}
