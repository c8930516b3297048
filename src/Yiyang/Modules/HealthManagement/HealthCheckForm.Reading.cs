using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Yiyang.Modules.Assessments;

namespace Yiyang.Modules.HealthManagement;

/// <summary>Reading a normalized yearly record: values, BMI, abnormal findings and completeness.</summary>
public sealed partial class HealthCheckForm
{
    public static JsonNode? Get(JsonObject content, string section, string key) =>
        content[section] is JsonObject s ? s[key] : null;

    public static decimal? Number(JsonObject content, string section, string key) =>
        Get(content, section, key) is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    public static string? Code(JsonObject content, string section, string key) =>
        Get(content, section, key) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool? Flag(JsonObject content, string section, string key) =>
        Get(content, section, key) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static IReadOnlyList<string> Codes(JsonObject content, string section, string key) =>
        Get(content, section, key) is JsonArray a ? [.. a.Select(x => (string)x!)] : [];

    /// <summary>The self-care answers as scorer items (null when not answered).</summary>
    public IReadOnlyDictionary<string, int?> SelfCareItems(JsonObject content) =>
        Sections.First(s => s.Code == SelfCareSection).Fields.ToDictionary(f => f.Key,
            f => Code(content, SelfCareSection, f.Key) is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : (int?)null);

    /// <summary>BMI = weight (kg) / height (m)², one decimal; null without both.</summary>
    public static decimal? Bmi(decimal? heightCm, decimal? weightKg) =>
        heightCm is > 0 and { } h && weightKg is { } w ? Math.Round(w / (h / 100m * (h / 100m)), 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>
    /// Abnormal findings that call for recheck or referral (docs/domain/health-management.md#abnormal-findings: 异常者复查或向上级转诊):
    /// BP ≥ 140/90, fasting glucose ≥ 7.0 mmol/L, BMI ≥ 28 or &lt; 18.5, a positive cognition or affect screen,
    /// self-care total ≥ 4 (not 可自理), any exam or test marked abnormal, urine protein or glucose + or more.
    /// </summary>
    public IReadOnlyList<string> Abnormalities(JsonObject content, int? selfCareTotal)
    {
        var list = new List<string>();
        var sys = Number(content, "physicalExam", "systolic");
        var dia = Number(content, "physicalExam", "diastolic");
        if (sys >= 140 || dia >= 90) list.Add("血压升高");
        if (Number(content, "tests", "fastingGlucose") >= 7.0m) list.Add("空腹血糖升高");
        var bmi = Bmi(Number(content, "physicalExam", "height"), Number(content, "physicalExam", "weight"));
        if (bmi >= 28m) list.Add("肥胖（BMI ≥ 28）");
        else if (bmi < 18.5m) list.Add("体重过低（BMI < 18.5）");
        if (Code(content, "screening", "cognition") == "positive") list.Add("认知功能粗筛阳性");
        if (Code(content, "screening", "affect") == "positive") list.Add("情感状态粗筛阳性");
        if (selfCareTotal >= 4) list.Add("生活自理能力下降");
        foreach (var f in AllFields.Where(f => f.Choices == NormalAbnormal && Code(content, f.Section, f.Key) == "abnormal"))
            list.Add(f.Label + "异常");
        foreach (var key in new[] { "urineProtein", "urineGlucose" })
            if (Code(content, "tests", key) is { } g && g is not ("neg" or "trace")) list.Add(Find("tests." + key)!.Label.Split('：')[1] + "阳性");
        return list;
    }

    /// <summary>
    /// Completeness (docs/domain/health-management.md#yearly-record-completeness: the exam was done, guidance was given and the form is complete):
    /// every field marked required is filled; a positive cognition / affect screen needs its score (MMSE / 抑郁评分);
    /// the results were explained and at least one guidance topic given; diagnosed hypertension or type-2 diabetes
    /// needs 已纳入慢性病患者健康管理; when there are abnormal findings the referral decision is recorded, and a referral
    /// names where to. The health record itself exists because the elder is registered.
    /// </summary>
    public CheckEvaluation Evaluate(JsonObject content, int? selfCareTotal)
    {
        var missing = new List<MissingItem>();
        foreach (var f in AllFields.Where(f => f.Required))
        {
            var node = Get(content, f.Section, f.Key);
            var empty = node is null || (node is JsonArray a && a.Count == 0) || (f.Kind == FieldKind.Flag && Flag(content, f.Section, f.Key) != true);
            if (empty) missing.Add(new(f.Path, f.Label));
        }
        if (Code(content, "screening", "cognition") == "positive" && Number(content, "screening", "mmseScore") is null)
            missing.Add(new("screening.mmseScore", "认知功能粗筛阳性时的简易智力状态检查总分"));
        if (Code(content, "screening", "affect") == "positive" && Number(content, "screening", "depressionScore") is null)
            missing.Add(new("screening.depressionScore", "情感状态粗筛阳性时的老年人抑郁评分"));
        var diseases = Codes(content, "lifestyle", "chronicDiseases");
        if ((diseases.Contains("hypertension") || diseases.Contains("diabetes")) && Flag(content, "guidance", "chronicManagement") != true)
            missing.Add(new("guidance.chronicManagement", "确诊高血压或 2 型糖尿病者纳入慢性病患者健康管理"));
        var abnormal = Abnormalities(content, selfCareTotal);
        if (abnormal.Count > 0)
        {
            var needed = Flag(content, "referral", "needed");
            if (needed is null) missing.Add(new("referral.needed", "有异常结果时是否复查或转诊"));
            else if (needed == true && Get(content, "referral", "to") is null) missing.Add(new("referral.to", "转诊机构及科室"));
        }
        return new CheckEvaluation(Bmi(Number(content, "physicalExam", "height"), Number(content, "physicalExam", "weight")), abnormal, missing);
    }
}
