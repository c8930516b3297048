namespace Yiyang.Modules.Assessments.Instruments;

/// <summary>Both band schemes of a Barthel total.</summary>
public sealed record BarthelBands(Level Wst431, Level Mzt039);

/// <summary>Result of <c>barthel</c>.</summary>
public sealed record BarthelResult(int Total, BarthelBands Bands);

/// <summary>
/// Barthel index (ADL) as used in China: 10 items, total 0–100 in steps of 5. Bands: WS/T 431 自理能力
/// (100 无需依赖, 61–99 轻度依赖, 41–60 中度依赖, ≤ 40 重度依赖) and MZ/T 039 / 长护险 ADL
/// (100 能力完好, 65–95 轻度受损, 45–60 中度受损, ≤ 40 重度受损).
/// </summary>
public sealed class BarthelScorer : IInstrumentScorer
{
    public const string Code = "barthel";

    public static readonly string[] Wst431Names = ["无需依赖", "轻度依赖", "中度依赖", "重度依赖"];
    public static readonly string[] Mzt039Names = ["能力完好", "轻度受损", "中度受损", "重度受损"];

    private static InstrumentItem I(string key, string label, params (int V, string L)[] options) =>
        new(key, label, options.Select(o => new InstrumentOption(o.V, o.L)).ToList());

    public InstrumentDefinition Definition { get; } = new(Code, "1965-cn", "Barthel 指数（日常生活活动能力）",
        "Barthel 指数评定量表（WS/T 431《护理分级》及 MZ/T 039 所用版本）",
        [
            new("adl", "日常生活活动能力",
            [
                I("feeding", "进食", (10, "可独立进食"), (5, "需部分帮助（如夹菜、盛饭）"), (0, "需极大帮助或完全依赖他人，或留置胃管")),
                I("bathing", "洗澡", (5, "准备好洗澡水后，可自己独立完成洗澡过程"), (0, "在洗澡过程中需他人帮助")),
                I("grooming", "修饰", (5, "可自己独立完成洗脸、刷牙、梳头、刮脸"), (0, "需他人帮助")),
                I("dressing", "穿衣", (10, "可独立完成"), (5, "需部分帮助"), (0, "需极大帮助或完全依赖他人")),
                I("bowels", "控制大便", (10, "可控制大便"), (5, "偶尔失控（每周<1次），或需要他人提示"), (0, "完全失控")),
                I("bladder", "控制小便", (10, "可控制小便"), (5, "偶尔失控（每天<1次，但每周>1次），或需要他人提示"), (0, "完全失控，或留置导尿管")),
                I("toilet", "如厕", (10, "可独立完成"), (5, "需部分帮助"), (0, "需极大帮助或完全依赖他人")),
                I("transfer", "床椅转移", (15, "可独立完成"), (10, "需部分帮助"), (5, "需极大帮助"), (0, "完全依赖他人")),
                I("mobility", "平地行走", (15, "可独立在平地上行走45 m"), (10, "需部分帮助"), (5, "需极大帮助"), (0, "完全依赖他人")),
                I("stairs", "上下楼梯", (10, "可独立上下楼梯"), (5, "需部分帮助"), (0, "需极大帮助或完全依赖他人")),
            ]),
        ], []);

    public static Level Wst431(int total) => total switch
    {
        100 => new(0, Wst431Names[0]),
        >= 61 => new(1, Wst431Names[1]),
        >= 41 => new(2, Wst431Names[2]),
        _ => new(3, Wst431Names[3]),
    };

    public static Level Mzt039(int total) => total switch
    {
        100 => new(0, Mzt039Names[0]),
        >= 65 => new(1, Mzt039Names[1]),
        >= 45 => new(2, Mzt039Names[2]),
        _ => new(3, Mzt039Names[3]),
    };

    public object Score(AssessmentAnswers answers)
    {
        var errors = new FieldErrors();
        var scores = AnswerValidation.CheckItems(Definition, answers, errors);
        errors.ThrowIfAny();
        var total = scores.Values.Sum();
        return new BarthelResult(total, new BarthelBands(Wst431(total), Mzt039(total)));
    }
}
