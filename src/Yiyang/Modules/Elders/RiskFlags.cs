namespace Yiyang.Modules.Elders;

/// <summary>Risk flags of an elder (docs/domain/elders-and-identifiers.md#risk-flags), stored as a bit set.</summary>
[Flags]
public enum RiskFlags
{
    None = 0,
    Disabled = 1,          // 失能
    Dementia = 2,          // 失智
    Chronic = 4,           // 慢性病
    OldestOld = 8,         // 高龄 (80+)
    Disability = 16,       // 残疾
    LivingAlone = 32,      // 独居
    EmptyNest = 64,        // 空巢
    LeftBehind = 128,      // 留守
    SpecialFamily = 256,   // 计划生育特殊家庭
    LowIncome = 512,       // 特困/低保
}

public static class RiskFlagCatalog
{
    public sealed record Entry(RiskFlags Flag, string Code, string Name);

    public static readonly IReadOnlyList<Entry> All =
    [
        new(RiskFlags.Disabled, "disabled", "失能"),
        new(RiskFlags.Dementia, "dementia", "失智"),
        new(RiskFlags.Chronic, "chronic", "慢性病"),
        new(RiskFlags.OldestOld, "oldest-old", "高龄"),
        new(RiskFlags.Disability, "disability", "残疾"),
        new(RiskFlags.LivingAlone, "living-alone", "独居"),
        new(RiskFlags.EmptyNest, "empty-nest", "空巢"),
        new(RiskFlags.LeftBehind, "left-behind", "留守"),
        new(RiskFlags.SpecialFamily, "special-family", "计划生育特殊家庭"),
        new(RiskFlags.LowIncome, "low-income", "特困/低保"),
    ];

    public static RiskFlags? Parse(string code) =>
        All.FirstOrDefault(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase)
                                || e.Name == code)?.Flag;

    public static IReadOnlyList<string> Codes(RiskFlags flags) =>
        [.. All.Where(e => flags.HasFlag(e.Flag)).Select(e => e.Code)];

    public static IReadOnlyList<string> Names(RiskFlags flags) =>
        [.. All.Where(e => flags.HasFlag(e.Flag)).Select(e => e.Name)];
}
