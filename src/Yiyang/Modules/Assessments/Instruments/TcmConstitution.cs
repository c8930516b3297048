namespace Yiyang.Modules.Assessments.Instruments;

/// <summary>One of the five areas of 中医药保健指导.</summary>
public sealed record GuidanceTopic(string Code, string Name);

/// <summary>One constitution of the record form: its raw sum and verdict (是/倾向是/基本是/否).</summary>
public sealed record ConstitutionResult(string Code, string Name, int Sum, string Verdict, IReadOnlyList<GuidanceTopic> GuidanceTopics)
{
    public bool Identified => Verdict != TcmConstitutionScorer.No;
}

/// <summary>
/// Result of <c>tcm-constitution-65</c>: the nine constitutions in the record form's order (biased types, then 平和质),
/// whether nothing was identified, a one-line conclusion, and the item values preset from the measurements.
/// </summary>
public sealed record TcmResult(IReadOnlyList<ConstitutionResult> Constitutions, bool NothingIdentified, string Conclusion,
    IReadOnlyDictionary<string, int> Presets);

/// <summary>
/// 老年人中医药健康管理服务记录表 (基本公卫 第三版): 33 questions scored 1–5; raw sums (no conversion to 0–100).
/// Biased types: ≥ 11 是, 9–10 倾向是, ≤ 8 否. 平和质 (Q1 + reversed Q2, Q4, Q5, Q13): ≥ 17 with every biased sum ≤ 8
/// → 是, ≥ 17 with every biased sum ≤ 10 → 基本是, otherwise 否. Height + weight preset Q9 (BMI) and waist presets
/// Q28 when those questions are not answered; an explicit answer wins.
/// </summary>
public sealed class TcmConstitutionScorer : IInstrumentScorer
{
    public const string Code = "tcm-constitution-65";
    public const string Yes = "是";
    public const string Leaning = "倾向是";
    public const string Basically = "基本是";
    public const string No = "否";

    public static readonly IReadOnlyList<GuidanceTopic> Topics =
    [
        new("emotion", "情志调摄"), new("diet", "饮食调养"), new("daily-life", "起居调摄"),
        new("exercise", "运动保健"), new("acupoint", "穴位保健"),
    ];

    /// <summary>Biased constitutions (code per 中医体质分类与判定: B–I), with their questions.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, int[] Questions)> Biased =
    [
        ("B", "气虚质", [2, 3, 4, 14]),
        ("C", "阳虚质", [11, 12, 13, 29]),
        ("D", "阴虚质", [10, 21, 26, 31]),
        ("E", "痰湿质", [9, 16, 28, 32]),
        ("F", "湿热质", [23, 25, 27, 30]),
        ("G", "血瘀质", [19, 22, 24, 33]),
        ("H", "气郁质", [5, 6, 7, 8]),
        ("I", "特禀质", [15, 17, 18, 20]),
    ];

    /// <summary>平和质 (A): Q1 as answered, Q2/Q4/Q5/Q13 reversed (6 − x).</summary>
    public static readonly int[] BalancedQuestions = [1];
    public static readonly int[] BalancedReversed = [2, 4, 5, 13];

    public InstrumentDefinition Definition { get; } = Build();

    public static string BiasedVerdict(int sum) => sum switch { >= 11 => Yes, >= 9 => Leaning, _ => No };

    public static string BalancedVerdict(int sum, IEnumerable<int> biasedSums)
    {
        var max = biasedSums.Max();
        if (sum >= 17 && max <= 8) return Yes;
        if (sum >= 17 && max <= 10) return Basically;
        return No;
    }

    /// <summary>Q9 by BMI: &lt;24 → 1; 24–&lt;25 → 2; 25–&lt;26 → 3; 26–&lt;28 → 4; ≥ 28 → 5.</summary>
    public static int Q9FromBmi(decimal bmi) => bmi switch { < 24m => 1, < 25m => 2, < 26m => 3, < 28m => 4, _ => 5 };

    /// <summary>Q28 by waist (cm): &lt;80 → 1; 80–85 → 2; 86–90 → 3; 91–105 → 4; &gt;105 → 5 (fractions fall to the lower step).</summary>
    public static int Q28FromWaist(decimal waist) => waist switch { < 80m => 1, < 86m => 2, < 91m => 3, <= 105m => 4, _ => 5 };

    public object Score(AssessmentAnswers answers)
    {
        var errors = new FieldErrors();
        var presets = new Dictionary<string, int>();
        CheckRange(errors, "height", answers.Height, 50, 250, "身高", "厘米");
        CheckRange(errors, "weight", answers.Weight, 20, 300, "体重", "千克");
        CheckRange(errors, "waist", answers.Waist, 40, 200, "腰围", "厘米");
        if (answers.Height is null != answers.Weight is null)
            errors.Add(answers.Height is null ? "height" : "weight", "按体重指数预填第 9 题需要同时填写身高和体重。");
        if (!errors.Any)
        {
            if (answers.Height is { } h && answers.Weight is { } w)
                presets["Q9"] = Q9FromBmi(w / (h / 100m * (h / 100m)));
            if (answers.Waist is { } waist) presets["Q28"] = Q28FromWaist(waist);
        }
        var scores = AnswerValidation.CheckItems(Definition, answers, errors, presets);
        errors.ThrowIfAny();

        int Q(int n) => scores["Q" + n];
        var results = new List<ConstitutionResult>();
        foreach (var (code, name, questions) in Biased)
        {
            var sum = questions.Sum(Q);
            var verdict = BiasedVerdict(sum);
            results.Add(new(code, name, sum, verdict, verdict == No ? [] : Topics));
        }
        var balanced = BalancedQuestions.Sum(Q) + BalancedReversed.Sum(n => 6 - Q(n));
        var balancedVerdict = BalancedVerdict(balanced, results.Select(r => r.Sum));
        results.Add(new("A", "平和质", balanced, balancedVerdict, balancedVerdict == No ? [] : Topics));

        var identified = results.Where(r => r.Identified).ToList();
        var conclusion = identified.Count == 0
            ? "未辨识出明确的体质类型（各体质均判定为“否”），请核对答案，必要时由中医师复评，并给予一般保健指导。"
            : "体质辨识：" + string.Join("、", identified.Select(r => $"{r.Name}（{r.Verdict}）")) + "。";
        return new TcmResult(results, identified.Count == 0, conclusion, presets);
    }

    private static void CheckRange(FieldErrors errors, string field, decimal? value, decimal min, decimal max, string label, string unit)
    {
        if (value is { } v && (v < min || v > max))
            errors.Add(field, $"{label}应在 {min}–{max} {unit}之间。");
    }

    private static readonly string[] Scale = ["没有（根本不/从来没有）", "很少（有一点/偶尔）", "有时（有些/少数时间）", "经常（相当/多数时间）", "总是（非常/每天）"];

    private static readonly (int N, string Text, string[]? Anchors)[] Questions =
    [
        (1, "您精力充沛吗？（指精神头足，乐于做事）", null),
        (2, "您容易疲乏吗？（指体力如何，是否稍微活动一下或做一点家务劳动就感到累）", null),
        (3, "您容易气短，呼吸短促，接不上气吗？", null),
        (4, "您说话声音低弱无力吗？（指说话没有力气）", null),
        (5, "您感到闷闷不乐、情绪低沉吗？（指心情不愉快，情绪低落）", null),
        (6, "您容易精神紧张、焦虑不安吗？（指遇事是否心情紧张）", null),
        (7, "您因为生活状态改变而感到孤独、失落吗？", null),
        (8, "您容易感到害怕或受到惊吓吗？", null),
        (9, "您感到身体超重不轻松吗？（感觉身体沉重）[BMI 指数 = 体重（kg）/ 身高²（m）]",
            ["没有（BMI<24）", "很少（24≤BMI<25）", "有时（25≤BMI<26）", "经常（26≤BMI<28）", "总是（BMI≥28）"]),
        (10, "您眼睛干涩吗？", null),
        (11, "您手脚发凉吗？（不包含因周围温度低或穿的少导致的手脚发冷）", null),
        (12, "您胃脘部、背部或腰膝部怕冷吗？（指上腹部、背部、腰部或膝关节等，有一处或多处怕冷）", null),
        (13, "您比一般人耐受不了寒冷吗？（指比别人容易害怕冬天或是夏天的冷空调、电扇等）", null),
        (14, "您容易患感冒吗？（指每年感冒的次数）",
            ["没有（一年<2次）", "很少（一年感冒2～4次）", "有时（一年感冒5～6次）", "经常（一年8次以上）", "总是（几乎每月都感冒）"]),
        (15, "您没有感冒时也会鼻塞、流鼻涕吗？", null),
        (16, "您有口粘口腻，或睡眠打鼾吗？", null),
        (17, "您容易过敏（对药物、食物、气味、花粉或在季节交替、气候变化时）吗？",
            ["没有（从来没有）", "很少（一年1、2次）", "有时（一年3、4次）", "经常（一年5、6次）", "总是（每次遇到上述原因都过敏）"]),
        (18, "您的皮肤容易起荨麻疹吗？（包括风团、风疹块、风疙瘩）", null),
        (19, "您的皮肤在不知不觉中会出现青紫瘀斑、皮下出血吗？（指皮肤在没有外伤的情况下出现青一块紫一块的情况）", null),
        (20, "您的皮肤一抓就红，并出现抓痕吗？（指被指甲或钝物划过后皮肤的反应）", null),
        (21, "您皮肤或口唇干吗？", null),
        (22, "您有肢体麻木或固定部位疼痛的感觉吗？", null),
        (23, "您面部或鼻部有油腻感或者油亮发光吗？（指脸上或鼻子）", null),
        (24, "您面色或目眶晦黯，或出现褐色斑块/斑点吗？", null),
        (25, "您有皮肤湿疹、疮疖吗？", null),
        (26, "您感到口干咽燥、总想喝水吗？", null),
        (27, "您感到口苦或嘴里有异味吗？（指口苦或口臭）", null),
        (28, "您腹部肥大吗？（指腹部脂肪肥厚）",
            ["没有（腹围<80 cm，相当于2.4尺）", "很少（腹围80～85 cm，2.4～2.55尺）", "有时（腹围86～90 cm，2.56～2.7尺）",
             "经常（腹围91～105 cm，2.71～3.15尺）", "总是（腹围>105 cm或3.15尺）"]),
        (29, "您吃（喝）凉的东西会感到不舒服或者怕吃（喝）凉的东西吗？（指不喜欢吃凉的食物，或吃了凉的食物后会不舒服）", null),
        (30, "您有大便黏滞不爽、解不尽的感觉吗？（大便容易粘在马桶或便坑壁上）", null),
        (31, "您容易大便干燥吗？", null),
        (32, "您舌苔厚腻或有舌苔厚厚的感觉吗？（如果自我感觉不清楚可由调查员观察后填写）", null),
        (33, "您舌下静脉瘀紫或增粗吗？（可由调查员辅助观察后填写）", null),
    ];

    private static InstrumentDefinition Build() => new(Code, "2017", "老年人中医药健康管理服务记录表（中医体质辨识）",
        "国家基本公共卫生服务规范（第三版）老年人中医药健康管理服务规范 附件（请根据近一年的体验和感觉回答）",
        [
            new("questions", "体质辨识问题（近一年）",
                Questions.Select(q => new InstrumentItem("Q" + q.N, $"{q.N}. {q.Text}",
                    (q.Anchors ?? Scale).Select((label, i) => new InstrumentOption(i + 1, label)).ToList(),
                    q.N switch
                    {
                        9 => "填写身高、体重后按体重指数自动预填。",
                        28 => "填写腰围后自动预填。",
                        _ => null,
                    })).ToList()),
        ],
        [
            new("height", "身高", "number", "用于按体重指数预填第 9 题。", "厘米", 50, 250),
            new("weight", "体重", "number", "用于按体重指数预填第 9 题。", "千克", 20, 300),
            new("waist", "腰围", "number", "用于预填第 28 题。", "厘米", 40, 200),
        ]);
}
