using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Platform.Errors;
using static Yiyang.Tests.Assessments.AnswerBuilder;

namespace Yiyang.Tests.Assessments;

public sealed class PhsSelfCareScorerTests
{
    private static readonly PhsSelfCareScorer Scorer = new();

    private static PhsSelfCareResult Score(int meal = 0, int grooming = 0, int dressing = 0, int toileting = 0, int activity = 0) =>
        (PhsSelfCareResult)Scorer.Score(new AssessmentAnswers(Items(
            ("meal", meal), ("grooming", grooming), ("dressing", dressing), ("toileting", toileting), ("activity", activity))));

    [Fact]
    public void Each_item_offers_only_the_tables_own_scores()
    {
        var items = Scorer.Definition.AllItems.ToDictionary(i => i.Key, i => i.Options.Select(o => o.Value).ToArray());
        Assert.Equal([0, 3, 5], items["meal"]);
        Assert.Equal([0, 1, 3, 7], items["grooming"]);
        Assert.Equal([0, 3, 5], items["dressing"]);
        Assert.Equal([0, 1, 5, 10], items["toileting"]);
        Assert.Equal([0, 1, 5, 10], items["activity"]);
    }

    [Fact]
    public void Every_band_boundary_is_scored_as_the_table_says()
    {
        // 0 and 3 (meal 3) → 可自理; 4 (meal 3 + grooming 1) and 8 (meal 3 + toileting 5) → 轻度依赖
        Assert.Equal(new Level(0, "可自理"), Score().Band);
        var three = Score(meal: 3);
        Assert.Equal((3, 0), (three.Total, three.Band.Code));
        var four = Score(meal: 3, grooming: 1);
        Assert.Equal((4, new Level(1, "轻度依赖")), (four.Total, four.Band));
        var eight = Score(meal: 3, toileting: 5);
        Assert.Equal((8, 1), (eight.Total, eight.Band.Code));
        // 9 (meal 3 + grooming 3 + dressing 3) and 18 (5 + 7 + 5 + 1) → 中度依赖; 19 (+ activity 1) → 不能自理
        var nine = Score(meal: 3, grooming: 3, dressing: 3);
        Assert.Equal((9, new Level(2, "中度依赖")), (nine.Total, nine.Band));
        var eighteen = Score(meal: 5, grooming: 7, dressing: 5, toileting: 1);
        Assert.Equal((18, 2), (eighteen.Total, eighteen.Band.Code));
        var nineteen = Score(meal: 5, grooming: 7, dressing: 5, toileting: 1, activity: 1);
        Assert.Equal((19, new Level(3, "不能自理")), (nineteen.Total, nineteen.Band));
        var all = Score(5, 7, 5, 10, 10);
        Assert.Equal((37, 3), (all.Total, all.Band.Code));
    }

    [Fact]
    public void Meal_has_no_mild_dependence_option_so_1_is_refused()
    {
        var e = Assert.Throws<ValidationFailedException>(() => Score(meal: 1));
        Assert.Contains("0、3、5", e.Errors["items.meal"][0]);
    }
}
