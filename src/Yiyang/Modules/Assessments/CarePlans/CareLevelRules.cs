using Yiyang.Modules.Assessments.Instruments;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>A care level of 分级照护: its number (0 = lightest care) and Chinese name.</summary>
public sealed record CareLevelDef(int Code, string Name);

/// <summary>
/// The mapping from assessment results to care levels: the care levels, then for each GB/T 42195 final ability level
/// 0–4 (index) and each 长护险 2021 grade 0–5 (index) the care level code. Stored versioned in the database
/// (<see cref="CareLevelMapping"/>); version 0 is <see cref="Default"/>.
/// </summary>
public sealed record CareLevelMap(IReadOnlyList<CareLevelDef> Levels, IReadOnlyList<int> Gbt42195, IReadOnlyList<int> Ltc2021)
{
    /// <summary>
    /// Defaults (platform decision, docs/history/notes/care-plans.md): one care level per GB/T 42195 ability level (docs/domain/assessments.md#gbt-42195-preliminary-level:
    /// 能力完好 … 能力完全丧失 → 0 … 4); 长护险 grades (docs/domain/assessments.md#ltc-2021-scoring: 0 基本正常 … 5 重度失能Ⅲ级) map by the same severity,
    /// the three 重度 grades to 三级/四级 (重度Ⅰ级 → 三级, Ⅱ/Ⅲ级 → 四级).
    /// </summary>
    public static readonly CareLevelMap Default = new(
        [
            new(0, "自理照护"), new(1, "一级照护（轻度）"), new(2, "二级照护（中度）"), new(3, "三级照护（重度）"), new(4, "四级照护（完全失能）"),
        ],
        [0, 1, 2, 3, 4],
        [0, 1, 2, 3, 4, 4]);

    public CareLevelDef Level(int code) => Levels.First(l => l.Code == code);
}

/// <summary>Pure rules of the care-level mapping: validation and application.</summary>
public static class CareLevelRules
{
    public const int MaxLevels = 8;

    /// <summary>
    /// Checks an edited mapping; field errors keyed like the API body (<c>levels[1].name</c>, <c>gbt42195[3]</c>,
    /// <c>ltc2021[5]</c>). Rules: 2–8 care levels numbered 0, 1, 2… in order with distinct names of 2–20 characters; every
    /// GB/T 42195 level (5) and every 长护险 grade (6) maps to an existing care level; a more severe result never maps to a
    /// lighter care level (non-decreasing).
    /// </summary>
    public static FieldErrors Validate(CareLevelMap? map)
    {
        var errors = new FieldErrors();
        if (map?.Levels is not { } levels || levels.Count < 2 || levels.Count > MaxLevels)
        {
            errors.Add("levels", $"请设置 2–{MaxLevels} 个照护等级。");
            return errors;
        }
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i] is null)
            {
                errors.Add($"levels[{i}]", "照护等级不能为空。");
                continue;
            }
            if (levels[i].Code != i) errors.Add($"levels[{i}].code", $"照护等级应从 0 起按顺序编号，此处应为 {i}。");
            var name = (levels[i].Name ?? "").Trim();
            if (name.Length is < 2 or > 20) errors.Add($"levels[{i}].name", "照护等级名称应为 2–20 个字。");
            else if (levels.Take(i).Any(l => l is not null && (l.Name ?? "").Trim() == name)) errors.Add($"levels[{i}].name", "照护等级名称不能重复。");
        }
        Check("gbt42195", map.Gbt42195, 5, "老年人能力评估等级", levels.Count, errors);
        Check("ltc2021", map.Ltc2021, 6, "长护险失能等级", levels.Count, errors);
        return errors;
    }

    private static void Check(string field, IReadOnlyList<int>? values, int count, string what, int levels, FieldErrors errors)
    {
        if (values is null || values.Count != count)
        {
            errors.Add(field, $"{what}应有 {count} 个对应关系（{string.Join("、", Enumerable.Range(0, count))} 级各一个）。");
            return;
        }
        for (var i = 0; i < count; i++)
        {
            if (values[i] < 0 || values[i] >= levels) errors.Add($"{field}[{i}]", $"{what} {i} 级对应的照护等级不存在（应为 0–{levels - 1}）。");
            else if (i > 0 && values[i] < values[i - 1]) errors.Add($"{field}[{i}]", $"{what} {i} 级比 {i - 1} 级更重，对应的照护等级不能更低。");
        }
    }

    /// <summary>The trimmed copy of a valid mapping (names trimmed).</summary>
    public static CareLevelMap Normalize(CareLevelMap map) =>
        new(map.Levels.Select(l => new CareLevelDef(l.Code, l.Name.Trim())).ToList(), [.. map.Gbt42195], [.. map.Ltc2021]);

    /// <summary>
    /// The care level for an assessment result: GB/T 42195 by its final level (0–4), 长护险 2021 by its grade (0–5);
    /// null for other instruments or an out-of-range level.
    /// </summary>
    public static CareLevelDef? Apply(CareLevelMap map, string instrumentCode, int? levelCode)
    {
        if (levelCode is not { } level || level < 0) return null;
        var table = instrumentCode switch
        {
            Gbt42195Scorer.Code => map.Gbt42195,
            Ltc2021Scorer.Code => map.Ltc2021,
            _ => null,
        };
        if (table is null || level >= table.Count) return null;
        return map.Levels.FirstOrDefault(l => l.Code == table[level]);
    }

    /// <summary>
    /// Whether an assessment is valid (not expired) on <paramref name="day"/>: its reassessment date has not passed.
    /// On the due date itself it is still valid (the due list calls it 到期, not 逾期: docs/domain/assessments.md#assessment-validity).
    /// </summary>
    public static bool ValidOn(DateOnly? nextDue, DateOnly day) => nextDue is null || day <= nextDue.Value;
}
