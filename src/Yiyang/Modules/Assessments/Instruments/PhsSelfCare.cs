namespace Yiyang.Modules.Assessments.Instruments;

/// <summary>Result of <c>phs-selfcare</c>.</summary>
public sealed record PhsSelfCareResult(int Total, Level Band);

/// <summary>
/// 老年人生活自理能力评估表（国家基本公共卫生服务规范 第三版）: 5 items with the table's own scores (total 0–37,
/// higher = more dependent); bands 0–3 可自理, 4–8 轻度依赖, 9–18 中度依赖, ≥ 19 不能自理.
/// 进餐 and 穿衣 have no separate 轻度依赖 option.
/// </summary>
public sealed class PhsSelfCareScorer : IInstrumentScorer
{
    public const string Code = "phs-selfcare";

    public static readonly string[] BandNames = ["可自理", "轻度依赖", "中度依赖", "不能自理"];

    public InstrumentDefinition Definition { get; } = new(Code, "2017", "老年人生活自理能力评估表",
        "国家基本公共卫生服务规范（第三版）老年人健康管理服务规范 附件",
        [
            new("selfcare", "生活自理能力",
            [
                new("meal", "进餐：使用餐具将饭菜送入口、咀嚼、吞咽等活动",
                [
                    new(0, "可自理：独立完成"),
                    new(3, "中度依赖：需要协助，如切碎、搅拌食物等"),
                    new(5, "不能自理：完全需要帮助"),
                ], "本项无“轻度依赖”选项。"),
                new("grooming", "梳洗：梳头、洗脸、刷牙、剃须、洗澡等活动",
                [
                    new(0, "可自理：独立完成"),
                    new(1, "轻度依赖：能独立地洗头、梳头、洗脸、刷牙、剃须等；洗澡需要协助"),
                    new(3, "中度依赖：在协助下和适当的时间内，能完成部分梳洗活动"),
                    new(7, "不能自理：完全需要帮助"),
                ]),
                new("dressing", "穿衣：穿衣裤、袜子、鞋子等活动",
                [
                    new(0, "可自理：独立完成"),
                    new(3, "中度依赖：需要协助，在适当的时间内完成部分穿衣"),
                    new(5, "不能自理：完全需要帮助"),
                ], "本项无“轻度依赖”选项。"),
                new("toileting", "如厕：小便、大便等活动及自控",
                [
                    new(0, "可自理：不需协助，可自控"),
                    new(1, "轻度依赖：偶尔失禁，但基本上能如厕或使用便具"),
                    new(5, "中度依赖：经常失禁，在很多提示和协助下尚能如厕或使用便具"),
                    new(10, "不能自理：完全失禁，完全需要帮助"),
                ]),
                new("activity", "活动：站立、室内行走、上下楼梯、户外活动",
                [
                    new(0, "可自理：独立完成所有活动"),
                    new(1, "轻度依赖：借助较小的外力或辅助装置能完成站立、行走、上下楼梯等"),
                    new(5, "中度依赖：借助较大的外力才能完成站立、行走，不能上下楼梯"),
                    new(10, "不能自理：卧床不起，活动完全需要帮助"),
                ]),
            ]),
        ], []);

    public static Level BandFor(int total) => total switch
    {
        <= 3 => new(0, BandNames[0]),
        <= 8 => new(1, BandNames[1]),
        <= 18 => new(2, BandNames[2]),
        _ => new(3, BandNames[3]),
    };

    public object Score(AssessmentAnswers answers)
    {
        var errors = new FieldErrors();
        var scores = AnswerValidation.CheckItems(Definition, answers, errors);
        errors.ThrowIfAny();
        var total = scores.Values.Sum();
        return new PhsSelfCareResult(total, BandFor(total));
    }
}
