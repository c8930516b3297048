namespace Yiyang.Modules.Assessments;

/// <summary>
/// Settings of the assessments module (configuration section "Assessments") for the choices the domain sources leave (docs/domain/assessments.md)
/// open. Tables are nullable so that configuration replaces the defaults instead of appending to them.
/// </summary>
public sealed class AssessmentOptions
{
    /// <summary>
    /// GB/T 42195 C.4: whether the dementia/mental-disorder clause and the care-risk-event clause each raise one level
    /// (+2 when both apply). Default false: any trigger raises the level by one in total (docs/domain/assessments.md#grade-change-stacking).
    /// </summary>
    public bool StackGradeChanges { get; set; }

    /// <summary>
    /// Months between routine GB/T 42195 / 长护险 assessments (docs/domain/assessments.md#reassessment-period: default 12; MZ/T 039 used 6).
    /// </summary>
    public int ReassessmentMonths { get; set; } = 12;

    /// <summary>长护险 2021 first-level bands and grade matrix (docs/domain/assessments.md#ltc-2021-scoring; editable: docs/domain/assessments.md#ltc-tables).</summary>
    public LtcTables Ltc2021 { get; set; } = new();
}

/// <summary>A score range mapped to a band: <see cref="Code"/> 0 = most independent.</summary>
public sealed class ScoreBand
{
    public int Code { get; set; }
    public string Name { get; set; } = "";
    public int Min { get; set; }
    public int Max { get; set; }
}

/// <summary>
/// The tables of 长期护理失能等级评估标准（试行）: bands of the three first-level indicators and the 4×4 matrix
/// (rows: ADL band 0–3; columns: the worse of the cognition and perception bands 0–3), row-major, values = grade 0–5.
/// </summary>
public sealed class LtcTables
{
    public List<ScoreBand>? AdlBands { get; set; }
    public List<ScoreBand>? CognitionBands { get; set; }
    public List<ScoreBand>? PerceptionBands { get; set; }
    public int[]? GradeMatrix { get; set; }
    public List<string>? GradeNames { get; set; }

    public static readonly string[] BandNames = ["能力完好", "轻度受损", "中度受损", "重度受损"];

    public IReadOnlyList<ScoreBand> EffectiveAdlBands => AdlBands ?? Bands((100, 100), (65, 95), (45, 60), (0, 40));
    public IReadOnlyList<ScoreBand> EffectiveCognitionBands => CognitionBands ?? Bands((16, 16), (12, 15), (4, 11), (0, 3));
    public IReadOnlyList<ScoreBand> EffectivePerceptionBands => PerceptionBands ?? Bands((12, 12), (8, 11), (4, 7), (0, 3));

    /// <summary>Default matrix (docs/domain/assessments.md#ltc-2021-scoring; unconfirmed in the sources: keep it data).</summary>
    public IReadOnlyList<int> EffectiveGradeMatrix => GradeMatrix ??
    [
        0, 0, 1, 1,
        1, 1, 1, 2,
        2, 2, 2, 3,
        3, 3, 4, 5,
    ];

    public IReadOnlyList<string> EffectiveGradeNames => GradeNames ??
        ["基本正常", "轻度失能", "中度失能", "重度失能Ⅰ级", "重度失能Ⅱ级", "重度失能Ⅲ级"];

    /// <summary>
    /// Checks an edited table set: each indicator has bands 0–3 covering its whole score range without overlap, the
    /// matrix has 16 grades 0–5 and there are 6 grade names. ADL totals are multiples of 5, so only those must be
    /// covered (the default ADL bands 65–95 / 45–60 leave 61–64 and 41–44 out: docs/domain/assessments.md#ltc-tables). Returns the problems (empty when valid).
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        Check("ADL", EffectiveAdlBands, 100, 5);
        Check("认知能力", EffectiveCognitionBands, 16, 1);
        Check("感知觉与沟通能力", EffectivePerceptionBands, 12, 1);
        if (EffectiveGradeMatrix.Count != 16 || EffectiveGradeMatrix.Any(g => g is < 0 or > 5))
            problems.Add("组合表应有 16 个格，每格为 0–5 级。");
        if (EffectiveGradeNames.Count != 6) problems.Add("失能等级名称应有 6 个（0–5 级）。");
        return problems;

        void Check(string name, IReadOnlyList<ScoreBand> bands, int max, int step)
        {
            if (!bands.Select(b => b.Code).Order().SequenceEqual([0, 1, 2, 3]))
                problems.Add($"{name}分级应为 0–3 四级。");
            for (var score = 0; score <= max; score += step)
                if (bands.Count(b => score >= b.Min && score <= b.Max) != 1)
                {
                    problems.Add($"{name}分级未覆盖或重复覆盖得分 {score}。");
                    break;
                }
        }
    }

    private static List<ScoreBand> Bands(params (int Min, int Max)[] ranges) =>
        ranges.Select((r, i) => new ScoreBand { Code = i, Name = BandNames[i], Min = r.Min, Max = r.Max }).ToList();
}
