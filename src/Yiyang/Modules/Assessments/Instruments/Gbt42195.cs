using System.Text.RegularExpressions;

namespace Yiyang.Modules.Assessments.Instruments;

/// <summary>A first-level subtotal of GB/T 42195 (C.1).</summary>
public sealed record Subtotal(string Code, string Name, int Score, int Max);

/// <summary>
/// A grade-change clause that applied (C.4), with its Chinese reason. Codes: <c>coma</c>, <c>dementia</c>,
/// <c>mental-disorder</c>, <c>risk-events</c>, and <c>capped</c> when a raise hit level 4.
/// </summary>
public sealed record GradeAdjustment(string Code, string Reason);

/// <summary>Result of <c>gbt42195-2022</c>.</summary>
public sealed record Gbt42195Result(IReadOnlyList<Subtotal> Subtotals, int Total, Level PreliminaryLevel, Level FinalLevel,
    IReadOnlyList<GradeAdjustment> Adjustments);

/// <summary>
/// GB/T 42195-2022《老年人能力评估规范》: 26 items in 4 first-level indicators (total 0–90), preliminary level by
/// total (C.3) and the grade-change clauses of C.4 (coma → 完全失能; dementia F00–F03 or a psychiatrist-diagnosed
/// F04–F99 disorder → +1; ≥ 2 care-risk events in 30 days, summed across types → +1; capped at level 4). Whether two
/// clauses stack is <see cref="AssessmentOptions.StackGradeChanges"/> (default: no).
/// </summary>
public sealed partial class Gbt42195Scorer(AssessmentOptions options) : IInstrumentScorer
{
    public const string Code = "gbt42195-2022";

    public static readonly string[] LevelNames =
        ["能力完好", "能力轻度受损（轻度失能）", "能力中度受损（中度失能）", "能力重度受损（重度失能）", "能力完全丧失（完全失能）"];

    public static readonly IReadOnlyList<FieldPart> RiskEventTypes =
    [
        new("fall", "跌倒"), new("choking", "噎食"), new("suicide", "自杀"), new("selfHarm", "自伤"),
        new("wandering", "走失"), new("other", "其他"),
    ];

    public InstrumentDefinition Definition { get; } = Build();

    public static Level LevelFor(int total) => total switch
    {
        90 => new(0, LevelNames[0]),
        >= 66 => new(1, LevelNames[1]),
        >= 46 => new(2, LevelNames[2]),
        >= 30 => new(3, LevelNames[3]),
        _ => new(4, LevelNames[4]),
    };

    public object Score(AssessmentAnswers answers)
    {
        var errors = new FieldErrors();
        var scores = AnswerValidation.CheckItems(Definition, answers, errors);
        var diagnoses = new List<string>();
        for (var i = 0; i < (answers.Diagnoses?.Count ?? 0); i++)
        {
            var d = (answers.Diagnoses![i] ?? "").Trim().ToUpperInvariant();
            if (!Icd10().IsMatch(d)) errors.Add($"diagnoses[{i}]", "请填写有效的 ICD-10 疾病编码，例如 F01.9。");
            else diagnoses.Add(d);
        }
        var events = 0;
        foreach (var (type, count) in answers.RiskEvents30d ?? new Dictionary<string, int>())
        {
            if (!RiskEventTypes.Any(t => t.Key == type))
                errors.Add($"riskEvents30d.{type}", "照护风险事件类型只能是跌倒、噎食、自杀、自伤、走失或其他。");
            else if (count is < 0 or > 99)
                errors.Add($"riskEvents30d.{type}", "事件次数应为 0–99 之间的整数。");
            else
                events += count;
        }
        errors.ThrowIfAny();

        var subtotals = Definition.Sections
            .Select(s => new Subtotal(s.Code, s.Name, AnswerValidation.Sum(s, scores), s.MaxSubtotal)).ToList();
        var total = subtotals.Sum(s => s.Score);
        var preliminary = LevelFor(total);
        var adjustments = new List<GradeAdjustment>();
        int final;
        if (answers.Coma)
        {
            final = 4;
            adjustments.Add(new("coma", "处于昏迷状态，直接评定为能力完全丧失（完全失能）。"));
        }
        else
        {
            var raises = 0;
            var dementia = diagnoses.FirstOrDefault(IsDementia);
            var mental = answers.PsychiatristDiagnosed ? diagnoses.FirstOrDefault(IsOtherMentalDisorder) : null;
            if (dementia is not null)
                adjustments.Add(new("dementia", $"确诊痴呆（{dementia}，ICD-10 F00–F03），在初步等级上提高一个等级。"));
            else if (mental is not null)
                adjustments.Add(new("mental-disorder", $"经精神科医师确诊精神和行为障碍（{mental}，ICD-10 F04–F99），在初步等级上提高一个等级。"));
            if (adjustments.Count > 0) raises++;
            if (events >= 2)
            {
                var stacked = options.StackGradeChanges || raises == 0;
                adjustments.Add(new("risk-events", stacked
                    ? $"近30天内发生照护风险事件 {events} 次（2 次及以上），在初步等级上提高一个等级。"
                    : $"近30天内发生照护风险事件 {events} 次（2 次及以上）；与上一项变更依据不叠加，合计提高一个等级。"));
                raises = options.StackGradeChanges ? raises + 1 : 1;
            }
            final = Math.Min(4, preliminary.Code + raises);
            if (raises > 0 && preliminary.Code + raises > 4)
                adjustments.Add(new("capped", "已达最高等级能力完全丧失（完全失能），不再提高。"));
        }
        return new Gbt42195Result(subtotals, total, preliminary, new Level(final, LevelNames[final]), adjustments);
    }

    /// <summary>F00–F03 (dementia).</summary>
    public static bool IsDementia(string icd) => icd.Length >= 3 && icd[0] == 'F' && int.TryParse(icd.AsSpan(1, 2), out var n) && n <= 3;

    /// <summary>F04–F99 (other mental and behavioural disorders).</summary>
    public static bool IsOtherMentalDisorder(string icd) => icd.Length >= 3 && icd[0] == 'F' && int.TryParse(icd.AsSpan(1, 2), out var n) && n >= 4;

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?[*+]?$")]
    private static partial Regex Icd10();

    private static InstrumentOption O(int v, string label) => new(v, label);

    private static readonly InstrumentOption[] Assist =
    [
        O(4, "独立完成，不需要协助"),
        O(3, "在他人的指导或提示下完成"),
        O(2, "需要他人协助，但以自身完成为主"),
        O(1, "主要依靠他人协助，自身能给予配合"),
        O(0, "完全依赖他人协助，且不能给予配合"),
    ];

    private static InstrumentItem I(string key, string label, params InstrumentOption[] options) => new(key, label, options);

    private static InstrumentDefinition Build() => new(Code, "2022", "老年人能力评估", "GB/T 42195-2022《老年人能力评估规范》附录 B（选项为释义）",
    [
        SelfCare(),
        BasicMotion(),
        MentalState(),
        PerceptionAndSocial(),
    ],
    [
        new("coma", "处于昏迷状态（A.5.11）", "boolean", "昏迷者直接评定为能力完全丧失（完全失能）。"),
        new("diagnoses", "疾病诊断（A.4.1，ICD-10 编码）", "icd10-list", "多个编码用逗号分隔，例如 F01.9, I10。"),
        new("psychiatristDiagnosed", "精神和行为障碍（F04–F99）经精神科医师确诊", "boolean"),
        new("riskEvents30d", "近30天内照护风险事件（A.2.14，次数）", "counts", "各类事件合计 2 次及以上时等级提高一级。",
            Parts: RiskEventTypes),
    ]);

    private static InstrumentSection SelfCare() =>
        new("B1", "自理能力",
        [
            I("B1.1", "进食",
                O(4, "独立使用器具将食物送进口中并咽下，没有呛咳"),
                O(3, "在他人指导或提示下完成，或独立使用辅具，没有呛咳"),
                O(2, "进食中需要少量接触式协助，偶尔（每月一次及以上）呛咳"),
                O(1, "在进食中需要大量接触式协助，经常（每周一次及以上）呛咳"),
                O(0, "完全依赖他人协助进食，或吞咽困难，或留置营养管")),
            I("B1.2", "修饰", Assist),
            I("B1.3", "洗澡", Assist),
            I("B1.4", "穿/脱上衣", Assist),
            I("B1.5", "穿/脱裤子和鞋袜", Assist),
            I("B1.6", "小便控制",
                O(4, "可自行控制排尿，排尿次数、排尿控制均正常"),
                O(3, "白天可自行控制排尿次数，夜间出现排尿次数增多、排尿控制较差，或自行使用尿布、尿垫等辅助用物"),
                O(2, "白天大部分时间可自行控制排尿，偶出现（每天<1次，但每周>1次）尿失禁，夜间控制排尿较差，或他人少量协助使用尿布、尿垫等辅助用物"),
                O(1, "白天大部分时间不能控制排尿（每天≥1次，但尚非完全失控），夜间出现尿失禁，或他人大量协助使用尿布、尿垫等辅助用物"),
                O(0, "小便失禁，完全不能控制排尿，或留置导尿管")),
            I("B1.7", "大便控制",
                O(4, "可正常自行控制大便排出"),
                O(3, "有时出现（每周<1次）便秘或大便失禁，或自行使用开塞露、尿垫等辅助用物"),
                O(2, "经常出现（每天<1次，但每周>1次）便秘或大便失禁，或他人少量协助使用开塞露、尿垫等辅助用物"),
                O(1, "大部分时间均出现（每天≥1次）便秘或大便失禁，但尚非完全失控，或他人大量协助使用开塞露、尿垫等辅助用物"),
                O(0, "严重便秘或者完全大便失禁，需要依赖他人协助排便或清洁皮肤")),
            I("B1.8", "如厕", Assist),
        ]);

    private static InstrumentSection BasicMotion() =>
        new("B2", "基础运动能力",
        [
            I("B2.1", "床上体位转移", Assist),
            I("B2.2", "床椅转移", Assist),
            I("B2.3", "平地行走",
                O(4, "可独立在平地上行走45 m～50 m左右，且无摔倒风险"),
                O(3, "可在他人指导或提示下，或在使用拐杖、助行器等辅助工具下独立行走45 m～50 m左右"),
                O(2, "在他人少量扶持协助下平地行走45 m～50 m左右"),
                O(1, "在他人大量扶持协助下平地行走45 m～50 m左右"),
                O(0, "完全不能行走")),
            I("B2.4", "上下楼梯",
                O(3, "可独立上下楼梯（连续上下10～15个台阶），不需要协助"),
                O(2, "在他人指导或提示下完成"),
                O(1, "需要他人协助，但以自身完成为主"),
                O(0, "主要依靠他人协助，自身能给予配合；或完全依赖他人协助")),
        ]);

    private static InstrumentSection MentalState() =>
        new("B3", "精神状态",
        [
            I("B3.1", "时间定向",
                O(4, "时间观念（年、月）清楚，日期（或星期几）可相差一天"),
                O(3, "时间观念有些下降，年、月、日（或星期几）不能全部分清（相差两天或以上）"),
                O(2, "时间观念较差，年、月、日不清楚，可知上半年或下半年或季节"),
                O(1, "时间观念很差，年、月、日不清楚，可知上午、下午或白天、夜间"),
                O(0, "无时间观念")),
            I("B3.2", "空间定向",
                O(4, "能在日常生活范围内单独外出，如在日常居住小区内独自外出购物等"),
                O(3, "不能单独外出，但能准确知道自己日常生活所在地的地址信息"),
                O(2, "不能单独外出，但知道较多有关自己日常生活的地址信息"),
                O(1, "不能单独外出，但知道较少自己居住或生活所在地的地址信息"),
                O(0, "不能单独外出，无空间观念")),
            I("B3.3", "人物定向",
                O(4, "认识长期共同一起生活的人，能称呼并知道关系"),
                O(3, "能认识大部分共同生活居住的人，能称呼或知道关系"),
                O(2, "能认识部分日常同住的亲人或照护者等，能称呼或知道关系等"),
                O(1, "只认识自己或极少数日常同住的亲人或照护者等"),
                O(0, "不认识任何人（包括自己）")),
            I("B3.4", "记忆",
                O(4, "总是能保持与社会、年龄所适应的记忆能力，能完整的回忆"),
                O(3, "出现轻度的记忆紊乱或回忆不能（不能回忆即时信息，3个词语经过5分钟后仅能回忆0～1个）"),
                O(2, "出现中度的记忆紊乱或回忆不能（不能回忆近期记忆，不记得上一顿饭吃了什么）"),
                O(1, "出现重度的记忆紊乱或回忆不能（不能回忆远期记忆，不记得自己的老朋友）"),
                O(0, "记忆完全紊乱或者完全不能对既往事物进行正确的回忆")),
            I("B3.5", "理解能力",
                O(4, "能正常理解他人的话"),
                O(3, "能理解他人的话，但需要增加时间"),
                O(2, "理解有困难，需频繁重复或简化口头表达"),
                O(1, "理解有严重困难，需要大量他人帮助"),
                O(0, "完全不能理解他人的话")),
            I("B3.6", "表达能力",
                O(4, "能正常表达自己的想法"),
                O(3, "能表达自己的需要，但需要增加时间"),
                O(2, "表达需要有困难，需频繁重复或简化口头表达"),
                O(1, "表达有严重困难，需要大量他人帮助"),
                O(0, "完全不能表达需要")),
            I("B3.7", "攻击行为", O(1, "未出现"), O(0, "近一个月内出现过攻击行为")),
            I("B3.8", "抑郁症状", O(1, "未出现"), O(0, "近一个月内出现过负性情绪")),
            I("B3.9", "意识水平",
                O(2, "神志清醒，对周围环境能做出正确反应"),
                O(1, "嗜睡或意识模糊"),
                O(0, "昏睡或昏迷（昏迷者另请勾选“处于昏迷状态”）")),
        ]);

    private static InstrumentSection PerceptionAndSocial() =>
        new("B4", "感知觉与社会参与",
        [
            I("B4.1", "视力",
                O(2, "视力正常"),
                O(1, "能看清楚大字体，但看不清书报上的标准字体；视力有限，看不清报纸大标题，但能辨认物体"),
                O(0, "只能看到光、颜色和形状；完全失明")),
            I("B4.2", "听力",
                O(2, "听力正常"),
                O(1, "在轻声说话或说话距离超过2米时听不清；正常交流有些困难，需在安静的环境或大声说话才能听到"),
                O(0, "讲话者大声说话或说话很慢，才能部分听见；完全失聪")),
            I("B4.3", "执行日常事务",
                O(4, "能完全独立计划、安排和完成日常事务（如洗衣、小金额购物、服药管理），无需协助"),
                O(3, "在计划、安排和完成日常事务时需要他人监护或指导"),
                O(2, "在计划、安排和完成日常事务时需要少量协助"),
                O(1, "在计划、安排和完成日常事务时需要大量协助"),
                O(0, "完全依赖他人进行日常事务")),
            I("B4.4", "使用交通工具外出",
                O(3, "能自己骑车或搭乘公共交通工具外出"),
                O(2, "能自己搭乘出租车，但不会搭乘其他公共交通工具外出"),
                O(1, "当有人协助或陪伴，可搭乘公共交通工具外出"),
                O(0, "只能在他人协助下搭乘出租车或私家车外出；完全不能出门，或者外出完全需要协助")),
            I("B4.5", "社会交往能力",
                O(4, "参与社会，在社会环境有一定的适应能力，待人接物恰当"),
                O(3, "能适应单纯环境，主动接触他人，初见面时难让人发现智力问题，不能理解隐喻语"),
                O(2, "脱离社会，可被动接触，不会主动待人，谈话中很多不适词句，容易上当受骗"),
                O(1, "勉强可与他人接触，谈吐内容不清楚，表情不恰当"),
                O(0, "不能与人交往")),
        ]);
}
