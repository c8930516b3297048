using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Platform.Errors;
using static Yiyang.Tests.Assessments.AnswerBuilder;

namespace Yiyang.Tests.Assessments;

public sealed class BarthelScorerTests
{
    private static readonly BarthelScorer Scorer = new();
    private static Dictionary<string, int?> Full => AllMax(Scorer.Definition);

    private static BarthelResult Score(Dictionary<string, int?> items) => (BarthelResult)Scorer.Score(new AssessmentAnswers(items));

    [Fact]
    public void All_items_at_best_give_100_in_both_schemes()
    {
        var r = Score(Full);
        Assert.Equal(100, r.Total);
        Assert.Equal(new Level(0, "无需依赖"), r.Bands.Wst431);
        Assert.Equal(new Level(0, "能力完好"), r.Bands.Mzt039);
    }

    [Fact]
    public void Worked_totals_fall_into_the_bands_of_both_schemes()
    {
        // 95: bathing 0
        var r95 = Score(Full.With(("bathing", 0)));
        Assert.Equal((95, "轻度依赖", "轻度受损"), (r95.Total, r95.Bands.Wst431.Name, r95.Bands.Mzt039.Name));
        // 65: transfer 0, mobility 0, bathing 0
        var r65 = Score(Full.With(("transfer", 0), ("mobility", 0), ("bathing", 0)));
        Assert.Equal((65, 1, 1), (r65.Total, r65.Bands.Wst431.Code, r65.Bands.Mzt039.Code));
        // 60: and grooming 0
        var r60 = Score(Full.With(("transfer", 0), ("mobility", 0), ("bathing", 0), ("grooming", 0)));
        Assert.Equal((60, "中度依赖", "中度受损"), (r60.Total, r60.Bands.Wst431.Name, r60.Bands.Mzt039.Name));
        // 45: and stairs, dressing, toilet at 5
        var r45 = Score(Full.With(("transfer", 0), ("mobility", 0), ("bathing", 0), ("grooming", 0), ("stairs", 5), ("dressing", 5), ("toilet", 5)));
        Assert.Equal((45, 2, 2), (r45.Total, r45.Bands.Wst431.Code, r45.Bands.Mzt039.Code));
        // 40: and feeding 5
        var r40 = Score(Full.With(("transfer", 0), ("mobility", 0), ("bathing", 0), ("grooming", 0), ("stairs", 5), ("dressing", 5), ("toilet", 5), ("feeding", 5)));
        Assert.Equal((40, "重度依赖", "重度受损"), (r40.Total, r40.Bands.Wst431.Name, r40.Bands.Mzt039.Name));
        var r0 = Score(AllMin(Scorer.Definition));
        Assert.Equal((0, 3, 3), (r0.Total, r0.Bands.Wst431.Code, r0.Bands.Mzt039.Code));
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(99, 1)]
    [InlineData(61, 1)]
    [InlineData(60, 2)]
    [InlineData(41, 2)]
    [InlineData(40, 3)]
    public void WS_T_431_bands_are_100_61_99_41_60_and_40_or_less(int total, int code) =>
        Assert.Equal(code, BarthelScorer.Wst431(total).Code);

    [Theory]
    [InlineData(100, 0)]
    [InlineData(95, 1)]
    [InlineData(65, 1)]
    [InlineData(60, 2)]
    [InlineData(45, 2)]
    [InlineData(40, 3)]
    public void MZ_T_039_bands_are_100_65_95_45_60_and_40_or_less(int total, int code) =>
        Assert.Equal(code, BarthelScorer.Mzt039(total).Code);

    [Fact]
    public void A_score_that_is_not_one_of_the_items_points_is_refused()
    {
        var e = Assert.Throws<ValidationFailedException>(() => Score(Full.With(("feeding", 7), ("transfer", 20))));
        Assert.True(e.Errors.ContainsKey("items.feeding"));
        Assert.True(e.Errors.ContainsKey("items.transfer"));
    }
}
