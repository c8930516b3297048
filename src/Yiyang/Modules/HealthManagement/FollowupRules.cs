namespace Yiyang.Modules.HealthManagement;

/// <summary>
/// Chronic-disease follow-ups (基本公卫 高血压 / 2 型糖尿病患者健康管理服务规范): at least 4 face-to-face or phone
/// follow-ups a year, each with the way, symptoms, BP (hypertension) or fasting glucose (diabetes), medication
/// adherence, the classification of the visit and the next date. Pure rules.
/// </summary>
public static class FollowupRules
{
    public static readonly IReadOnlyList<Choice> Diseases = [new("hypertension", "高血压"), new("diabetes", "2 型糖尿病")];
    public static readonly IReadOnlyList<Choice> Ways = [new("clinic", "门诊"), new("home", "家庭"), new("phone", "电话")];
    public static readonly IReadOnlyList<Choice> Adherences = [new("regular", "规律"), new("intermittent", "间断"), new("none", "不服药")];
    public static readonly IReadOnlyList<Choice> Classifications =
        [new("satisfied", "控制满意"), new("unsatisfied", "控制不满意"), new("adverse", "不良反应"), new("complication", "并发症")];
    public static readonly IReadOnlyList<Choice> Symptoms =
    [
        new("none", "无症状"), new("headache", "头痛头晕"), new("nausea", "恶心呕吐"), new("tinnitus", "眼花耳鸣"), new("dyspnea", "呼吸困难"),
        new("palpitation", "心悸胸闷"), new("nosebleed", "鼻衄出血不止"), new("numbness", "四肢发麻"), new("edema", "下肢水肿"),
        new("polydipsia", "多饮"), new("polyphagia", "多食"), new("polyuria", "多尿"), new("blurred-vision", "视力模糊"), new("infection", "感染"),
        new("weight-loss", "体重明显下降"), new("other", "其他"),
    ];
    public static readonly IReadOnlyList<Choice> Vaccines =
        [new("flu", "流感疫苗"), new("ppsv23", "23 价肺炎球菌多糖疫苗"), new("pcv13", "13 价肺炎球菌结合疫苗")];

    public static string? Parse(IReadOnlyList<Choice> choices, string? input)
    {
        var s = (input ?? "").Trim();
        return choices.FirstOrDefault(c => c.Code == s || c.Name == s)?.Code;
    }

    public static string Name(IReadOnlyList<Choice> choices, string code) => choices.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    public sealed record Valid(string Disease, DateOnly FollowedOn, string Way, List<string> Symptoms, string Adherence, string Classification, string? Notes);

    /// <summary>
    /// Field checks: codes from the lists; date not in the future; BP 60–260 / 30–160 mmHg with diastolic &lt; systolic;
    /// glucose 1.0–35.0 mmol/L; hypertension needs a BP and diabetes a fasting glucose unless the follow-up was by phone;
    /// the next date after the follow-up date.
    /// </summary>
    public static Valid Validate(FollowupInput input, DateOnly today, FieldErrors errors)
    {
        var disease = Parse(Diseases, input.Disease);
        if (disease is null) errors.Add("disease", "请选择随访疾病：高血压或 2 型糖尿病。");
        var way = Parse(Ways, input.Way);
        if (way is null) errors.Add("way", "请选择随访方式：门诊、家庭或电话。");
        var adherence = Parse(Adherences, input.Adherence);
        if (adherence is null) errors.Add("adherence", "请选择服药依从性：规律、间断或不服药。");
        var classification = Parse(Classifications, input.Classification);
        if (classification is null) errors.Add("classification", "请选择此次随访分类：控制满意、控制不满意、不良反应或并发症。");
        if (input.FollowedOn is not { } on) errors.Add("followedOn", "请填写随访日期。");
        else if (on > today) errors.Add("followedOn", "随访日期不能晚于今天。");
        else if (on < new DateOnly(2000, 1, 1)) errors.Add("followedOn", "随访日期不正确。");
        if (input.NextOn is { } next && input.FollowedOn is { } d && next <= d) errors.Add("nextOn", "下次随访日期应晚于本次随访日期。");
        var symptoms = new List<string>();
        foreach (var s in input.Symptoms ?? [])
        {
            var code = Parse(Symptoms, s);
            if (code is null)
            {
                errors.Add("symptoms", "症状只能从列表中选择。");
                break;
            }
            if (!symptoms.Contains(code)) symptoms.Add(code);
        }
        if (input.Systolic is { } sys && (sys < 60 || sys > 260)) errors.Add("systolic", "收缩压应在 60–260 mmHg 之间。");
        if (input.Diastolic is { } dia && (dia < 30 || dia > 160)) errors.Add("diastolic", "舒张压应在 30–160 mmHg 之间。");
        if (input.Systolic is { } s1 && input.Diastolic is { } d1 && d1 >= s1 && !errors.Has("diastolic")) errors.Add("diastolic", "舒张压应低于收缩压。");
        if (input.Systolic is null != input.Diastolic is null) errors.Add(input.Systolic is null ? "systolic" : "diastolic", "请同时填写收缩压和舒张压。");
        if (input.FastingGlucose is { } g && (g < 1.0m || g > 35.0m)) errors.Add("fastingGlucose", "空腹血糖应在 1.0–35.0 mmol/L 之间。");
        if (way is not null and not "phone")
        {
            if (disease == "hypertension" && input.Systolic is null && !errors.Has("systolic")) errors.Add("systolic", "高血压面对面随访须测量血压。");
            if (disease == "diabetes" && input.FastingGlucose is null) errors.Add("fastingGlucose", "糖尿病面对面随访须测量空腹血糖。");
        }
        var notes = Masking.Scrub((input.Notes ?? "").Trim());
        if (notes.Length > 200) errors.Add("notes", "备注最多 200 个字。");
        return new Valid(disease ?? "", input.FollowedOn ?? default, way ?? "", symptoms, adherence ?? "", classification ?? "",
            notes.Length == 0 ? null : notes);
    }

    /// <summary>Follow-ups per disease in a year against the requirement (diseases without any follow-up are listed only if followed).</summary>
    public static IReadOnlyList<FollowupCount> Counts(IEnumerable<string> diseases, int required) =>
        [.. diseases.GroupBy(d => d).OrderBy(g => Diseases.ToList().FindIndex(c => c.Code == g.Key))
            .Select(g => new FollowupCount(g.Key, Name(Diseases, g.Key), g.Count(), required, g.Count() >= required))];
}
