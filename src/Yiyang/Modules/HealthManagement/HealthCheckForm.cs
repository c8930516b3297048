using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Yiyang.Modules.Assessments;

namespace Yiyang.Modules.HealthManagement;

/// <summary>A choice of a field: API code and Chinese name (either is accepted on input).</summary>
public sealed record Choice(string Code, string Name);

public enum FieldKind
{
    Number,
    Choice,
    Multi,
    Flag,
    Date,
    Text,
}

/// <summary>
/// One field of the yearly record: section and key (<c>physicalExam.systolic</c>), label, kind, unit, plausible range
/// (400 outside it), choices, and whether the completeness rules require it.
/// </summary>
public sealed record CheckField(string Section, string Key, string Label, FieldKind Kind, string? Unit = null, decimal? Min = null,
    decimal? Max = null, IReadOnlyList<Choice>? Choices = null, bool Required = true, int Decimals = 1)
{
    public string Path => Section + "." + Key;
}

public sealed record CheckSection(string Code, string Name, IReadOnlyList<CheckField> Fields);

/// <summary>A field the completeness rules find missing: its path and a Chinese description.</summary>
public sealed record MissingItem(string Field, string Name);

/// <summary>What the rules derive from a normalized record.</summary>
public sealed record CheckEvaluation(decimal? Bmi, IReadOnlyList<string> Abnormalities, IReadOnlyList<MissingItem> Missing)
{
    public bool Complete => Missing.Count == 0;
}

/// <summary>
/// The yearly health-management record of 国家基本公共卫生服务规范（第三版）老年人健康管理服务规范 (docs/domain/health-management.md#yearly-record):
/// the fields of the 健康体检表 that the service specification lists, their plausible ranges, and the completeness
/// rules of the indicator (a person counts only if the physical exam was done, health guidance was given and the form
/// is complete). Pure: the self-care items come from the <c>phs-selfcare</c> definition passed in.
/// </summary>
public sealed partial class HealthCheckForm
{
    public const string SelfCareSection = "selfCare";

    private static readonly Choice[] NormalAbnormal = [new("normal", "未见异常"), new("abnormal", "异常")];
    private static readonly Choice[] NegativePositive = [new("negative", "粗筛阴性"), new("positive", "粗筛阳性")];
    private static readonly Choice[] UrineGrades =
        [new("neg", "-"), new("trace", "±"), new("1+", "+"), new("2+", "++"), new("3+", "+++"), new("4+", "++++")];

    public static readonly IReadOnlyList<Choice> GuidanceTopics =
    [
        new("lifestyle", "健康生活方式"), new("vaccination", "疫苗接种"), new("osteoporosis", "骨质疏松预防"),
        new("fall-prevention", "防跌倒措施"), new("injury-prevention", "意外伤害预防和自救"), new("cognition-emotion", "认知和情感"),
    ];

    public static readonly IReadOnlyList<Choice> ChronicDiseases =
    [
        new("hypertension", "高血压"), new("diabetes", "2 型糖尿病"), new("coronary", "冠心病"), new("copd", "慢性阻塞性肺疾病"),
        new("stroke", "脑卒中"), new("tumor", "恶性肿瘤"), new("other", "其他"),
    ];

    public IReadOnlyList<CheckSection> Sections { get; }

    public HealthCheckForm(InstrumentDefinition selfCare)
    {
        Sections =
        [
            new("lifestyle", "生活方式与健康状态",
            [
                F("lifestyle", "selfRatedHealth", "健康状态自我评估", FieldKind.Choice, choices:
                    [new("satisfied", "满意"), new("basically-satisfied", "基本满意"), new("unclear", "说不清楚"), new("less-satisfied", "不太满意"), new("unsatisfied", "不满意")]),
                F("lifestyle", "exercise", "体育锻炼", FieldKind.Choice, choices:
                    [new("daily", "每天"), new("weekly", "每周一次以上"), new("occasionally", "偶尔"), new("never", "不锻炼")]),
                F("lifestyle", "diet", "饮食习惯", FieldKind.Multi, required: false, choices:
                    [new("balanced", "荤素均衡"), new("meat", "荤食为主"), new("vegetarian", "素食为主"), new("salty", "嗜盐"), new("oily", "嗜油"), new("sweet", "嗜糖")]),
                F("lifestyle", "smoking", "吸烟情况", FieldKind.Choice, choices: [new("never", "从不吸烟"), new("former", "已戒烟"), new("current", "吸烟")]),
                F("lifestyle", "drinking", "饮酒频率", FieldKind.Choice, choices:
                    [new("never", "从不"), new("occasionally", "偶尔"), new("often", "经常"), new("daily", "每天")]),
                F("lifestyle", "chronicDiseases", "已确诊疾病", FieldKind.Multi, required: false, choices: ChronicDiseases),
                F("lifestyle", "medications", "主要用药情况", FieldKind.Text, required: false),
            ]),
            new(SelfCareSection, "生活自理能力评估（老年人生活自理能力评估表）",
                [.. selfCare.AllItems.Select(i => F(SelfCareSection, i.Key, i.Label.Split('：')[0], FieldKind.Choice,
                    choices: [.. i.Options.Select(o => new Choice(o.Value.ToString(CultureInfo.InvariantCulture), o.Label))]))]),
            new("screening", "认知与情感",
            [
                F("screening", "cognition", "认知功能", FieldKind.Choice, choices: NegativePositive),
                F("screening", "mmseScore", "简易智力状态检查总分", FieldKind.Number, "分", 0, 30, required: false, decimals: 0),
                F("screening", "affect", "情感状态", FieldKind.Choice, choices: NegativePositive),
                F("screening", "depressionScore", "老年人抑郁评分", FieldKind.Number, "分", 0, 30, required: false, decimals: 0),
            ]),
            PhysicalExam(),
            Tests(),
            new("guidance", "健康指导",
            [
                F("guidance", "resultsExplained", "已告知本人体检结果", FieldKind.Flag),
                F("guidance", "topics", "健康指导内容", FieldKind.Multi, choices: GuidanceTopics),
                F("guidance", "chronicManagement", "已纳入慢性病患者健康管理", FieldKind.Flag, required: false),
                F("guidance", "nextVisitOn", "预约下次随访日期", FieldKind.Date, required: false),
            ]),
            new("referral", "转诊",
            [
                F("referral", "needed", "需要复查或转诊", FieldKind.Flag, required: false),
                F("referral", "to", "转诊机构及科室", FieldKind.Text, required: false),
                F("referral", "reason", "转诊原因", FieldKind.Text, required: false),
            ]),
        ];
    }

    private static CheckField F(string section, string key, string label, FieldKind kind, string? unit = null, decimal? min = null, decimal? max = null,
        IReadOnlyList<Choice>? choices = null, bool required = true, int decimals = 1) =>
        new(section, key, label, kind, unit, min, max, choices, required, decimals);

    public IEnumerable<CheckField> AllFields => Sections.SelectMany(s => s.Fields);

    public CheckField? Find(string path) => AllFields.FirstOrDefault(f => f.Path == path);

    /// <summary>
    /// Validates the posted sections and returns the normalized content (codes, numbers rounded to the field's
    /// decimals, scrubbed text). Unknown sections/keys, wrong types, values outside the plausible range and unknown
    /// choices are field errors keyed <c>section.key</c>; a diastolic pressure not below the systolic one too.
    /// Missing values are not errors here (a record may be saved incomplete).
    /// </summary>
    public JsonObject Normalize(IReadOnlyDictionary<string, Dictionary<string, JsonElement>?> input, FieldErrors errors)
    {
        var content = new JsonObject();
        foreach (var (sectionCode, values) in input)
        {
            var section = Sections.FirstOrDefault(s => s.Code == sectionCode);
            if (section is null)
            {
                if (values is { Count: > 0 }) errors.Add(sectionCode, $"记录中没有“{sectionCode}”这一部分。");
                continue;
            }
            var target = new JsonObject();
            foreach (var (key, value) in values ?? [])
            {
                var field = section.Fields.FirstOrDefault(f => f.Key == key);
                if (field is null)
                {
                    errors.Add($"{sectionCode}.{key}", $"“{section.Name}”中没有“{key}”这一项。");
                    continue;
                }
                if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) continue;
                if (Parse(field, value, errors) is { } node) target[key] = node;
            }
            content[sectionCode] = target;
        }
        foreach (var s in Sections)
            if (!content.ContainsKey(s.Code)) content[s.Code] = new JsonObject();
        if (Number(content, "physicalExam", "systolic") is { } sys && Number(content, "physicalExam", "diastolic") is { } dia && dia >= sys)
            errors.Add("physicalExam.diastolic", "舒张压应低于收缩压。");
        return content;
    }

    private static JsonNode? Parse(CheckField f, JsonElement v, FieldErrors errors) => f.Kind switch
    {
        FieldKind.Number => ParseNumber(f, v, errors),
        FieldKind.Choice => ParseChoice(f, v, errors),
        FieldKind.Multi => ParseMulti(f, v, errors),
        FieldKind.Flag => ParseFlag(f, v, errors),
        FieldKind.Date => ParseDate(f, v, errors),
        _ => ParseText(f, v, errors),
    };

    private static JsonNode? ParseNumber(CheckField f, JsonElement v, FieldErrors errors)
    {
        decimal? n = v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
        if (n is not { } x)
        {
            errors.Add(f.Path, $"“{f.Label}”请填写数字。");
            return null;
        }
        if (x < f.Min || x > f.Max)
        {
            errors.Add(f.Path, $"“{f.Label}”应在 {f.Min}–{f.Max}{(f.Unit is null ? "" : " " + f.Unit)} 之间。");
            return null;
        }
        return JsonValue.Create(Math.Round(x, f.Decimals, MidpointRounding.AwayFromZero));
    }

    private static JsonNode? ParseChoice(CheckField f, JsonElement v, FieldErrors errors)
    {
        var raw = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!.Trim(),
            JsonValueKind.Number => v.GetRawText(),
            _ => "",
        };
        var c = f.Choices!.FirstOrDefault(c => c.Code == raw || c.Name == raw || c.Name.Split('：')[0] == raw);
        if (c is not null) return JsonValue.Create(c.Code);
        errors.Add(f.Path, $"“{f.Label}”只能是 {string.Join("、", f.Choices!.Select(c => c.Name.Split('：')[0]))} 之一。");
        return null;
    }

    private static JsonNode? ParseMulti(CheckField f, JsonElement v, FieldErrors errors)
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            errors.Add(f.Path, $"“{f.Label}”应为列表。");
            return null;
        }
        var list = new JsonArray();
        foreach (var e in v.EnumerateArray())
        {
            var raw = e.ValueKind == JsonValueKind.String ? e.GetString()!.Trim() : "";
            var c = f.Choices!.FirstOrDefault(c => c.Code == raw || c.Name == raw);
            if (c is null)
            {
                errors.Add(f.Path, $"“{f.Label}”只能从 {string.Join("、", f.Choices!.Select(c => c.Name))} 中选择。");
                return null;
            }
            if (!list.Any(x => (string)x! == c.Code)) list.Add(c.Code);
        }
        return list;
    }

    private static JsonNode? ParseFlag(CheckField f, JsonElement v, FieldErrors errors)
    {
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return JsonValue.Create(v.GetBoolean());
        if (v.ValueKind == JsonValueKind.String && bool.TryParse(v.GetString(), out var b)) return JsonValue.Create(b);
        errors.Add(f.Path, $"“{f.Label}”应为是或否。");
        return null;
    }

    private static JsonNode? ParseDate(CheckField f, JsonElement v, FieldErrors errors)
    {
        if (v.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return JsonValue.Create(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        errors.Add(f.Path, $"“{f.Label}”请填写日期（年-月-日）。");
        return null;
    }

    private static JsonNode? ParseText(CheckField f, JsonElement v, FieldErrors errors)
    {
        var text = v.ValueKind == JsonValueKind.String ? Masking.Scrub(v.GetString()!.Trim()) : null;
        if (text is null || text.Length > 200)
        {
            errors.Add(f.Path, $"“{f.Label}”请填写文字，最多 200 个字。");
            return null;
        }
        return text.Length == 0 ? null : JsonValue.Create(text);
    }
}
