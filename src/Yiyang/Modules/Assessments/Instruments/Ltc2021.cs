namespace Yiyang.Modules.Assessments.Instruments;

/// <summary>The first-level bands of an ltc-2021 assessment.</summary>
public sealed record LtcBands(Level Adl, Level Cognition, Level Perception);

/// <summary>Result of <c>ltc-2021</c>.</summary>
public sealed record Ltc2021Result(int AdlTotal, int CognitionTotal, int PerceptionTotal, LtcBands Bands, Level Grade);

/// <summary>
/// 长期护理失能等级评估标准（试行）(医保办发〔2021〕37号): 17 items in 3 first-level indicators; each indicator's total
/// falls into a band (0 能力完好 … 3 重度受损) and the grade 0–5 is read from the matrix at
/// (ADL band, worse of the cognition and perception bands). Bands and matrix come from <see cref="LtcTables"/>.
/// </summary>
public sealed class Ltc2021Scorer(LtcTables tables) : IInstrumentScorer
{
    public const string Code = "ltc-2021";

    private static InstrumentItem I(string key, string label, params (int V, string L)[] options) =>
        new(key, label, options.Select(o => new InstrumentOption(o.V, o.L)).ToList());

    public InstrumentDefinition Definition { get; } = new(Code, "2021", "长期护理失能等级评估",
        "长期护理失能等级评估标准（试行）（医保办发〔2021〕37号）附件1（选项为释义）",
        [
            new("adl", "日常生活活动能力",
            [
                I("adl.eating", "进食", (10, "可独立进食"), (5, "需部分帮助"), (0, "需极大帮助或完全依赖他人，或有留置营养管")),
                I("adl.dressing", "穿衣", (10, "可独立完成"), (5, "需部分帮助"), (0, "需极大帮助或完全依赖他人")),
                I("adl.faceAndMouth", "面部与口腔清洁", (5, "可独立完成"), (0, "需他人帮助")),
                I("adl.bowel", "大便控制", (10, "可控制大便"), (5, "偶尔失控，或需要他人提示"), (0, "完全失控")),
                I("adl.bladder", "小便控制", (10, "可控制小便（含可自行管理的留置导尿管）"), (5, "偶尔失控，或需要他人提示"), (0, "完全失控，或留置导尿管需他人管理")),
                I("adl.toilet", "用厕", (10, "可独立完成"), (5, "需部分帮助"), (0, "需极大帮助或完全依赖他人")),
                I("adl.walking", "平地行走", (15, "可独立在平地上行走45 m"), (10, "需部分帮助"), (5, "需极大帮助"), (0, "完全依赖他人")),
                I("adl.transfer", "床椅转移", (15, "可独立完成"), (10, "需部分帮助"), (5, "需极大帮助"), (0, "完全依赖他人")),
                I("adl.stairs", "上下楼梯", (10, "可独立上下楼梯"), (5, "需部分帮助"), (0, "需极大帮助或完全依赖他人")),
                I("adl.bathing", "洗澡", (5, "可独立完成"), (0, "需他人帮助")),
            ]),
            new("cog", "认知能力",
            [
                I("cog.time", "时间定向",
                    (4, "时间观念（年、月）清楚，日期（或星期几）可相差一天"),
                    (3, "时间观念有些下降，年、月、日（或星期几）不能全部分清（相差两天或以上）"),
                    (2, "时间观念较差，年、月、日不清楚，可知上半年或下半年或季节"),
                    (1, "时间观念很差，年、月、日不清楚，可知上午、下午或白天、夜间"),
                    (0, "无时间观念")),
                I("cog.person", "人物定向",
                    (4, "认识长期共同一起生活的人，能称呼并知道关系"),
                    (3, "能认识大部分共同生活居住的人，能称呼或知道关系"),
                    (2, "能认识部分日常同住的亲人或照护者等，能称呼或知道关系等"),
                    (1, "只认识自己或极少数日常同住的亲人或照护者等"),
                    (0, "不认识任何人（包括自己）")),
                I("cog.place", "空间定向",
                    (4, "能在日常生活范围内单独外出，如在日常居住小区内独自外出购物等"),
                    (3, "不能单独外出，但能准确知道自己日常生活所在地的地址信息"),
                    (2, "不能单独外出，但知道较多有关自己日常生活的地址信息"),
                    (1, "不能单独外出，但知道较少自己居住或生活所在地的地址信息"),
                    (0, "不能单独外出，无空间观念")),
                I("cog.memory", "记忆力",
                    (4, "总是能保持与社会、年龄所适应的记忆能力，能完整的回忆"),
                    (3, "出现轻度的记忆紊乱或回忆不能（3个词语经过5分钟后仅能回忆0～1个）"),
                    (2, "出现中度的记忆紊乱或回忆不能（不能回忆近期记忆）"),
                    (1, "出现重度的记忆紊乱或回忆不能（不能回忆远期记忆）"),
                    (0, "记忆完全紊乱或者完全不能对既往事物进行正确的回忆")),
            ]),
            new("per", "感知觉与沟通能力",
            [
                I("per.vision", "视力",
                    (4, "能看清书报上的标准字体"),
                    (3, "能看清楚大字体，但看不清书报上的标准字体"),
                    (2, "视力有限，看不清报纸大标题，但能辨认物体"),
                    (1, "辨认物体有困难，但眼睛能跟随物体移动，只能看到光、颜色和形状"),
                    (0, "没有视力，眼睛不能跟随物体移动")),
                I("per.hearing", "听力",
                    (4, "可正常交谈，能听到电视、电话、门铃的声音"),
                    (3, "在轻声说话或说话距离超过2米时听不清"),
                    (2, "正常交流有些困难，需在安静的环境或大声说话才能听到"),
                    (1, "讲话者大声说话或说话很慢，才能部分听见"),
                    (0, "完全失聪")),
                I("per.communication", "沟通能力",
                    (4, "无困难，能与他人正常沟通和交流"),
                    (3, "能够表达自己的需要及理解别人的话，但需要增加时间或给予帮助"),
                    (2, "表达需要或理解有困难，需频繁重复或简化口头表达"),
                    (1, "不能表达需要或理解他人的话"),
                    (0, "完全不能沟通")),
            ]),
        ], []);

    public object Score(AssessmentAnswers answers)
    {
        var errors = new FieldErrors();
        var scores = AnswerValidation.CheckItems(Definition, answers, errors);
        errors.ThrowIfAny();
        var adl = AnswerValidation.Sum(Definition.Sections[0], scores);
        var cog = AnswerValidation.Sum(Definition.Sections[1], scores);
        var per = AnswerValidation.Sum(Definition.Sections[2], scores);
        var bands = new LtcBands(
            AnswerValidation.Band(tables.EffectiveAdlBands, adl),
            AnswerValidation.Band(tables.EffectiveCognitionBands, cog),
            AnswerValidation.Band(tables.EffectivePerceptionBands, per));
        var column = Math.Max(bands.Cognition.Code, bands.Perception.Code);
        var grade = tables.EffectiveGradeMatrix[bands.Adl.Code * 4 + column];
        return new Ltc2021Result(adl, cog, per, bands, new Level(grade, tables.EffectiveGradeNames[grade]));
    }
}
