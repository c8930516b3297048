using System.Text.RegularExpressions;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>Who delivers a plan item: an organization (care home, health centre) or a family-doctor team.</summary>
public static class Responsible
{
    public const string Organization = "organization";
    public const string Team = "team";
}

/// <summary>Frequency units of a plan item: n times per week or per month.</summary>
public static class FrequencyUnits
{
    public const string Week = "week";
    public const string Month = "month";

    public static string? Parse(string? s) => s?.Trim() switch
    {
        "week" or "周" or "每周" => Week,
        "month" or "月" or "每月" => Month,
        _ => null,
    };

    public static string Name(string unit) => unit == Week ? "周" : "月";

    /// <summary>Largest count per unit (daily for a week; twice a day for a month is not a plan item).</summary>
    public static int Max(string unit) => unit == Week ? 14 : 62;

    public static string Describe(int count, string unit) => $"每{Name(unit)} {count} 次";
}

/// <summary>One item of a care-level template (settings <c>CarePlans:Templates</c>).</summary>
public sealed class PlanItemTemplate
{
    public string ServiceCode { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public int Count { get; set; }
    public string Unit { get; set; } = FrequencyUnits.Week;
    /// <summary><see cref="Responsible.Team"/> (the elder's contracted family-doctor team) or <see cref="Responsible.Organization"/>.</summary>
    public string Responsible { get; set; } = CarePlans.Responsible.Organization;
    /// <summary>Proposed as covered by long-term-care insurance (only when the care level is LTC-eligible).</summary>
    public bool Ltc { get; set; }
}

/// <summary>The proposal of one care level: default goals and items.</summary>
public sealed class CareLevelTemplate
{
    public int CareLevel { get; set; }
    public List<string> Goals { get; set; } = [];
    public List<PlanItemTemplate> Items { get; set; } = [];
}

/// <summary>
/// Settings of care plans (configuration section <c>CarePlans</c>). <see cref="Templates"/> replaces the defaults when set.
/// </summary>
public sealed class CarePlanOptions
{
    /// <summary>Care levels whose template items marked <c>Ltc</c> are proposed as covered by 长护险 (default 3 and 4: 重度、完全失能).</summary>
    public List<int>? LtcCareLevels { get; set; }

    public List<CareLevelTemplate>? Templates { get; set; }

    public IReadOnlyList<int> EffectiveLtcCareLevels => LtcCareLevels ?? [3, 4];

    public IReadOnlyList<CareLevelTemplate> EffectiveTemplates => Templates ?? DefaultTemplates;

    private static PlanItemTemplate T(string code, string name, int count, string unit, string responsible, bool ltc = false) =>
        new() { ServiceCode = code, ServiceName = name, Count = count, Unit = unit, Responsible = responsible, Ltc = ltc };

    /// <summary>
    /// Default proposals per care level (docs/history/notes/care-plans.md), following the service content of 《居家和社区医养结合服务指南》
    /// and 《医养结合机构服务指南》 (docs/domain/care-plans-and-ltc.md#care-plan-proposal): health management by the family-doctor team for everyone, more home
    /// visits, daily-living care, nursing and rehabilitation as the level rises.
    /// </summary>
    public static readonly IReadOnlyList<CareLevelTemplate> DefaultTemplates =
    [
        new()
        {
            CareLevel = 0,
            Goals = ["保持现有生活自理能力，预防失能", "每年完成健康体检与能力评估"],
            Items = [T("FD-HA", "健康评估与指导", 1, FrequencyUnits.Month, Responsible.Team)],
        },
        new()
        {
            CareLevel = 1,
            Goals = ["维持日常生活能力，延缓能力下降", "预防跌倒等照护风险事件"],
            Items =
            [
                T("FD-HA", "健康评估与指导", 1, FrequencyUnits.Month, Responsible.Team),
                T("FD-HV", "上门巡诊", 1, FrequencyUnits.Month, Responsible.Team),
                T("CARE-DAILY", "生活照料协助", 2, FrequencyUnits.Week, Responsible.Organization),
            ],
        },
        new()
        {
            CareLevel = 2,
            Goals = ["在协助下完成日常生活活动", "通过康复训练改善基础运动能力", "预防跌倒、噎食等照护风险事件"],
            Items =
            [
                T("FD-HV", "上门巡诊", 2, FrequencyUnits.Month, Responsible.Team),
                T("CARE-DAILY", "生活照料", 3, FrequencyUnits.Week, Responsible.Organization),
                T("CARE-REHAB", "康复训练", 2, FrequencyUnits.Week, Responsible.Organization),
            ],
        },
        new()
        {
            CareLevel = 3,
            Goals = ["保障进食、清洁、排泄等基本生活需要", "预防压疮、坠积性肺炎等并发症", "维持现有能力，减缓失能进展"],
            Items =
            [
                T("FD-HV", "上门巡诊", 2, FrequencyUnits.Month, Responsible.Team),
                T("CARE-DAILY", "生活照料", 7, FrequencyUnits.Week, Responsible.Organization, ltc: true),
                T("CARE-NURSING", "基础护理", 3, FrequencyUnits.Week, Responsible.Organization, ltc: true),
                T("CARE-REHAB", "康复训练", 2, FrequencyUnits.Week, Responsible.Organization),
            ],
        },
        new()
        {
            CareLevel = 4,
            Goals = ["全面照护，保障基本生活需要与安全", "预防压疮、感染等并发症", "减轻痛苦，维护尊严"],
            Items =
            [
                T("FD-HV", "上门巡诊", 4, FrequencyUnits.Month, Responsible.Team),
                T("CARE-DAILY", "生活照料", 14, FrequencyUnits.Week, Responsible.Organization, ltc: true),
                T("CARE-NURSING", "基础护理", 7, FrequencyUnits.Week, Responsible.Organization, ltc: true),
                T("CARE-MEDNURSE", "医疗护理（上门）", 2, FrequencyUnits.Week, Responsible.Team, ltc: true),
            ],
        },
    ];
}

/// <summary>A proposed item before the responsible party is resolved to an organization or team id.</summary>
public sealed record ProposedItem(string ServiceCode, string ServiceName, int Count, string Unit, string Responsible, bool LtcCovered);

/// <summary>Pure rules of proposals and plan items.</summary>
public static partial class CarePlanRules
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
    public static partial Regex ServiceCode();

    /// <summary>
    /// The proposal for a care level: the template of that level (or, when the mapping has more levels than templates,
    /// of the nearest lower level that has one). Items marked <c>Ltc</c> are proposed as covered only when the care level
    /// is LTC-eligible and the assessment behind it is valid.
    /// </summary>
    public static (IReadOnlyList<string> Goals, IReadOnlyList<ProposedItem> Items) Propose(CarePlanOptions options, int careLevel, bool assessmentValid)
    {
        var template = options.EffectiveTemplates.Where(t => t.CareLevel <= careLevel).MaxBy(t => t.CareLevel)
                       ?? options.EffectiveTemplates.MinBy(t => t.CareLevel);
        if (template is null) return ([], []);
        var ltc = assessmentValid && options.EffectiveLtcCareLevels.Contains(careLevel);
        return (template.Goals.ToList(),
            template.Items.Select(i => new ProposedItem(i.ServiceCode, i.ServiceName, i.Count, i.Unit, i.Responsible, ltc && i.Ltc)).ToList());
    }

    /// <summary>Whether a plan item is in force on <paramref name="day"/> (inclusive dates; no end = open).</summary>
    public static bool ActiveOn(DateOnly startOn, DateOnly? endOn, DateOnly day) => startOn <= day && (endOn is null || day <= endOn.Value);
}
