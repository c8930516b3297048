using System.Text.RegularExpressions;

namespace Yiyang.Modules.HealthManagement.Prescriptions;

/// <summary>
/// Settings of <c>HealthManagement:LongTermPrescriptions</c> for what 《长期处方管理规范（试行）》 leaves open. Defaults:
/// validity ≤ 84 days (12 周, 第十六条), supply per dispensing ≤ 28 days (4 周) and up to 84 with the doctor's assessment
/// and the patient's confirmation (第十七条), refill from 7 days of supply left, reminders 14 days before expiry.
/// </summary>
public sealed class LongTermPrescriptionOptions
{
    public int MaxValidityDays { get; set; } = 84;
    public int DefaultMaxSupplyDays { get; set; } = 28;
    public int ExtendedMaxSupplyDays { get; set; } = 84;
    /// <summary>The next dispensing is allowed once at most this many days of the previous supply remain.</summary>
    public int RefillWindowDays { get; set; } = 7;
    public int ExpiringReminderDays { get; set; } = 14;
    public int MaxItems { get; set; } = 10;

    /// <summary>Eligible chronic diseases: key → name and ICD-10 code prefixes (a key may be overridden or added by settings).</summary>
    public Dictionary<string, EligibleDisease> EligibleDiseases { get; set; } = new()
    {
        ["hypertension"] = new() { Name = "高血压", Prefixes = ["I10", "I11", "I12", "I13", "I15"] },
        ["diabetes"] = new() { Name = "2 型糖尿病", Prefixes = ["E11"] },
        ["coronary"] = new() { Name = "冠心病", Prefixes = ["I20", "I25"] },
        ["stroke-sequelae"] = new() { Name = "脑血管病后遗症", Prefixes = ["I69"] },
        ["copd"] = new() { Name = "慢性阻塞性肺疾病", Prefixes = ["J44"] },
        ["dyslipidemia"] = new() { Name = "血脂异常", Prefixes = ["E78"] },
        ["tuberculosis"] = new() { Name = "结核病", Prefixes = ["A15", "A16", "A17", "A18", "A19"], AllowsAntimicrobials = true },
    };
}

public sealed class EligibleDisease
{
    public string Name { get; set; } = "";
    public string[] Prefixes { get; set; } = [];
    /// <summary>Chronic bacterial / fungal infections (结核等) for which antimicrobials may be prescribed long-term.</summary>
    public bool AllowsAntimicrobials { get; set; }
}

public sealed record PrescriptionItemInput(string? DrugName, string? Spec, string? Dose, string? Frequency, string? Route, string? Category,
    decimal? Quantity, string? Unit, int? DaysPerDispensing);

public sealed record PrescriptionInput(long? ElderId, string? DiagnosisCode, string? DiagnosisName, bool? ConditionStable, DateOnly? StartOn,
    int? ValidityDays, IReadOnlyList<PrescriptionItemInput>? Items, string? ExtendedAssessment, bool? PatientConfirmed);

public sealed record ValidPrescription(string Disease, string DiagnosisCode, string DiagnosisName, DateOnly StartOn, int ValidityDays, DateOnly ValidUntil,
    int SupplyDays, int MaxSupplyDays, string? ExtendedAssessment, bool PatientConfirmed, IReadOnlyList<LongTermPrescriptionItem> Items);

/// <summary>The rules of 《长期处方管理规范（试行）》 as pure functions (unit-tested).</summary>
public static partial class PrescriptionRules
{
    public const string General = "general";
    public const string Antimicrobial = "antimicrobial";

    /// <summary>Drug categories; all but 普通药品 are excluded (第十四条), antimicrobials except for chronic infections such as TB.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Categories =
    [
        (General, "普通药品"),
        ("toxic", "医疗用毒性药品"),
        ("radioactive", "放射性药品"),
        ("precursor", "易制毒药品"),
        ("narcotic", "麻醉药品"),
        ("psychotropic-1", "第一类精神药品"),
        ("psychotropic-2", "第二类精神药品"),
        (Antimicrobial, "抗微生物药物"),
        ("special-storage", "对储存条件有特殊要求的药品"),
    ];

    public static string CategoryName(string code) => Categories.FirstOrDefault(c => c.Code == code).Name ?? code;

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Icd10();

    /// <summary>The eligible-disease key of an ICD-10 code (null when not eligible).</summary>
    public static string? DiseaseOf(string icd10, LongTermPrescriptionOptions o) =>
        o.EligibleDiseases.Where(d => d.Value.Prefixes.Any(p => icd10.StartsWith(p, StringComparison.Ordinal))).Select(d => d.Key).FirstOrDefault();

    public static string DiseaseName(string key, LongTermPrescriptionOptions o) => o.EligibleDiseases.TryGetValue(key, out var d) ? d.Name : key;

    private static string? Text(FieldErrors errors, string field, string? value, string label, int max, bool required = true)
    {
        var s = (value ?? "").Trim();
        if (s.Length == 0)
        {
            if (required) errors.Add(field, $"请填写{label}。");
            return null;
        }
        if (s.Length > max) errors.Add(field, $"{label}最多 {max} 个字。");
        return s;
    }

    public static ValidPrescription? Validate(PrescriptionInput input, LongTermPrescriptionOptions o, DateOnly today, FieldErrors errors)
    {
        if (input.ElderId is null) errors.Add("elderId", "请选择老年人。");
        var code = (input.DiagnosisCode ?? "").Trim().ToUpperInvariant();
        string? disease = null;
        if (code.Length == 0) errors.Add("diagnosisCode", "请填写诊断的 ICD-10 编码。");
        else if (!Icd10().IsMatch(code)) errors.Add("diagnosisCode", "ICD-10 编码格式不正确（如 I10、E11.9）。");
        else if ((disease = DiseaseOf(code, o)) is null)
            errors.Add("diagnosisCode", "该诊断不在长期处方适用的慢性病范围内（" + string.Join("、", o.EligibleDiseases.Values.Select(d => d.Name)) + "）。");
        var name = Text(errors, "diagnosisName", input.DiagnosisName, "诊断名称", 50);
        if (input.ConditionStable != true)
            errors.Add("conditionStable", "长期处方仅适用于病情稳定、需要长期药物治疗的患者，请确认病情稳定。");
        if (input.StartOn is not { } start) errors.Add("startOn", "请填写开始日期。");
        else if (start < today.AddDays(-30) || start > today.AddDays(30)) errors.Add("startOn", "开始日期应在 30 天前至 30 天后之间。");
        var validity = input.ValidityDays;
        if (validity is null) errors.Add("validityDays", "请填写处方有效期（天）。");
        else if (validity < 1 || validity > o.MaxValidityDays)
            errors.Add("validityDays", $"长期处方有效期最长 {o.MaxValidityDays / 7} 周（{o.MaxValidityDays} 天）。");

        var assessment = Text(errors, "extendedAssessment", input.ExtendedAssessment, "医生评估意见", 500, required: false);
        var confirmed = input.PatientConfirmed == true;
        var items = new List<LongTermPrescriptionItem>();
        var list = input.Items ?? [];
        if (list.Count == 0) errors.Add("items", "请至少开具一种药品。");
        else if (list.Count > o.MaxItems) errors.Add("items", $"一张长期处方最多 {o.MaxItems} 种药品。");
        var antimicrobialsAllowed = disease is not null && o.EligibleDiseases[disease].AllowsAntimicrobials;
        var needsExtended = false;
        for (var i = 0; i < Math.Min(list.Count, o.MaxItems); i++)
        {
            var it = list[i] ?? new PrescriptionItemInput(null, null, null, null, null, null, null, null, null);
            var f = $"items[{i}]";
            var drug = Text(errors, f + ".drugName", it.DrugName, "药品名称", 50);
            var label = $"第 {i + 1} 项" + (drug is null ? "" : $"“{drug}”");
            var spec = Text(errors, f + ".spec", it.Spec, "规格", 50);
            var dose = Text(errors, f + ".dose", it.Dose, "单次剂量", 30);
            var freq = Text(errors, f + ".frequency", it.Frequency, "用药频次", 30);
            var route = Text(errors, f + ".route", it.Route, "给药途径", 20);
            var unit = Text(errors, f + ".unit", it.Unit, "数量单位", 10);
            var cat = (it.Category ?? "").Trim();
            if (cat.Length == 0) errors.Add(f + ".category", $"请选择{label}的药品类别。");
            else if (Categories.All(c => c.Code != cat)) errors.Add(f + ".category", $"{label}的药品类别不正确。");
            else if (cat == Antimicrobial && !antimicrobialsAllowed)
                errors.Add(f + ".category", $"{label}为抗微生物药物，仅治疗结核等慢性细菌、真菌感染性疾病时可开具长期处方。");
            else if (cat != General && cat != Antimicrobial)
                errors.Add(f + ".category", $"{label}为{CategoryName(cat)}，不得开具长期处方。");
            if (it.Quantity is not { } q || q <= 0 || q > 9999) errors.Add(f + ".quantity", $"请填写{label}每次取药的数量（大于 0）。");
            var days = it.DaysPerDispensing;
            if (days is null || days < 1) errors.Add(f + ".daysPerDispensing", $"请填写{label}每次取药的用药天数。");
            else if (days > o.ExtendedMaxSupplyDays)
                errors.Add(f + ".daysPerDispensing", $"{label}每次取药最多 {o.ExtendedMaxSupplyDays / 7} 周（{o.ExtendedMaxSupplyDays} 天）用量。");
            else if (validity is { } v && days > v) errors.Add(f + ".daysPerDispensing", $"{label}每次取药的用药天数不能超过处方有效期（{v} 天）。");
            else if (days > o.DefaultMaxSupplyDays) needsExtended = true;
            items.Add(new LongTermPrescriptionItem
            {
                Seq = i + 1,
                DrugName = drug ?? "",
                Spec = spec ?? "",
                Dose = dose ?? "",
                Frequency = freq ?? "",
                Route = route ?? "",
                Category = cat,
                Quantity = it.Quantity ?? 0,
                Unit = unit ?? "",
                DaysPerDispensing = days ?? 0,
            });
        }
        if (needsExtended)
        {
            // 规范第十七条: more than 4 weeks per dispensing needs a strict assessment, education and the patient's signature
            if (assessment is null)
                errors.Add("extendedAssessment", $"每次取药超过 {o.DefaultMaxSupplyDays / 7} 周（{o.DefaultMaxSupplyDays} 天）用量时，须填写医生的评估意见（病情评估与用药教育）。");
            if (!confirmed) errors.Add("patientConfirmed", $"每次取药超过 {o.DefaultMaxSupplyDays / 7} 周用量时，须经患者签字确认。");
        }
        if (errors.Any) return null;
        return new ValidPrescription(disease!, code, name!, input.StartOn!.Value, validity!.Value, input.StartOn.Value.AddDays(validity.Value - 1),
            items.Min(x => x.DaysPerDispensing), items.Max(x => x.DaysPerDispensing), needsExtended ? assessment : null, needsExtended && confirmed, items);
    }

    /// <summary>Why a dispensing on <paramref name="day"/> is refused (null: allowed).</summary>
    public static string? RefuseDispensing(PrescriptionStatus status, DateOnly startOn, DateOnly validUntil, DateOnly? lastOn, int? lastSupplyDays, DateOnly day,
        int refillWindowDays)
    {
        if (status == PrescriptionStatus.Stopped) return "该长期处方已停用，不能取药。";
        if (status == PrescriptionStatus.Expired || day > validUntil) return $"该长期处方已于 {validUntil:yyyy-MM-dd} 到期，请重新开具。";
        if (day < startOn) return $"该长期处方自 {startOn:yyyy-MM-dd} 起有效，尚不能取药。";
        if (lastOn is { } last && lastSupplyDays is { } supply)
        {
            var earliest = EarliestRefill(last, supply, refillWindowDays);
            if (day < earliest)
                return $"上次取药（{last:yyyy-MM-dd}，{supply} 天用量）尚未用完，剩余用量不超过 {refillWindowDays} 天时方可再次取药，最早 {earliest:yyyy-MM-dd}。";
        }
        return null;
    }

    /// <summary>The previous supply runs out after <c>last + supply − 1</c>; a refill is allowed once ≤ window days remain (remaining counts the day itself).</summary>
    public static DateOnly EarliestRefill(DateOnly lastOn, int supplyDays, int refillWindowDays) => lastOn.AddDays(supplyDays - refillWindowDays);

    /// <summary>Days of supply given on <paramref name="day"/>: the prescription's supply, not beyond its last valid day.</summary>
    public static int SupplyOn(int supplyDays, DateOnly validUntil, DateOnly day) => Math.Min(supplyDays, validUntil.DayNumber - day.DayNumber + 1);

    /// <summary>有效 / 已停用 / 已过期 on <paramref name="today"/>.</summary>
    public static PrescriptionStatus StatusOn(PrescriptionStatus stored, DateOnly validUntil, DateOnly today) =>
        stored == PrescriptionStatus.Active && today > validUntil ? PrescriptionStatus.Expired : stored;

    public static string StatusCode(PrescriptionStatus s) => s switch
    {
        PrescriptionStatus.Active => "active",
        PrescriptionStatus.Stopped => "stopped",
        _ => "expired",
    };

    public static string StatusName(PrescriptionStatus s) => s switch
    {
        PrescriptionStatus.Active => "有效",
        PrescriptionStatus.Stopped => "已停用",
        _ => "已过期",
    };
}
