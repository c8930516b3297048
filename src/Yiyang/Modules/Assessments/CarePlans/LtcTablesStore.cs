using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>
/// One version of the 长护险 2021 tables (first-level bands and the 4×4 grade matrix). Editing inserts the next version;
/// the newest is in force. No row = version 0, the configured <see cref="AssessmentOptions.Ltc2021"/> (defaults of
/// docs/domain/assessments.md#ltc-2021-scoring).
/// </summary>
public sealed class LtcTablesVersion
{
    public long Id { get; set; }
    public int TablesVersion { get; set; }
    /// <summary>JSON of <see cref="LtcTablesDto"/>'s tables.</summary>
    public required string TablesJson { get; set; }
    public string? Note { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class LtcTablesVersionConfiguration : IEntityTypeConfiguration<LtcTablesVersion>
{
    public void Configure(EntityTypeBuilder<LtcTablesVersion> b)
    {
        b.ToTable("assessments_ltc_tables", t => t.HasCheckConstraint("ck_assessments_ltc_tables_version", "tables_version >= 1"));
        b.Property(x => x.Note).HasMaxLength(200);
        b.HasIndex(x => x.TablesVersion).IsUnique().HasDatabaseName("ux_assessments_ltc_tables_version");
    }
}

/// <summary>The tables of one version, as the API shows and takes them.</summary>
public sealed record LtcTablesData(IReadOnlyList<ScoreBand> AdlBands, IReadOnlyList<ScoreBand> CognitionBands, IReadOnlyList<ScoreBand> PerceptionBands,
    IReadOnlyList<int> GradeMatrix, IReadOnlyList<string> GradeNames)
{
    public static LtcTablesData From(LtcTables t) =>
        new(t.EffectiveAdlBands, t.EffectiveCognitionBands, t.EffectivePerceptionBands, t.EffectiveGradeMatrix, t.EffectiveGradeNames);

    public LtcTables ToTables() => new()
    {
        AdlBands = [.. AdlBands],
        CognitionBands = [.. CognitionBands],
        PerceptionBands = [.. PerceptionBands],
        GradeMatrix = [.. GradeMatrix],
        GradeNames = [.. GradeNames],
    };
}

public sealed record LtcTablesDto(int Version, LtcTablesData Tables, string? Note, string? CreatedBy, DateTimeOffset? CreatedAt, bool IsDefault)
    : IVersioned;

/// <summary>Body of <c>PUT /api/ltc-tables</c>: all tables, the version read, a note.</summary>
public sealed record LtcTablesInput(List<ScoreBand>? AdlBands, List<ScoreBand>? CognitionBands, List<ScoreBand>? PerceptionBands,
    List<int>? GradeMatrix, List<string>? GradeNames, int? Version, string? Note);

/// <summary>Pure validation of edited 长护险 tables, with field errors in Chinese.</summary>
public static class LtcTableRules
{
    /// <summary>
    /// Each indicator has four bands numbered 0–3 (0 = 能力完好) with names of 1–20 characters and min ≤ max, covering every
    /// reachable score exactly once (ADL totals are multiples of 5: 0–100; cognition 0–16; perception 0–12), and a band
    /// with a higher number never covers higher scores than a lower one (more severe = lower score). The matrix has 16 grades
    /// 0–5; the six grade names are 2–20 characters.
    /// </summary>
    public static FieldErrors Validate(LtcTablesInput input)
    {
        var errors = new FieldErrors();
        Bands("adlBands", "日常生活活动能力", input.AdlBands, 100, 5, errors);
        Bands("cognitionBands", "认知能力", input.CognitionBands, 16, 1, errors);
        Bands("perceptionBands", "感知觉与沟通能力", input.PerceptionBands, 12, 1, errors);
        if (input.GradeMatrix is not { Count: 16 }) errors.Add("gradeMatrix", "组合表应有 16 个格（4 行 × 4 列）。");
        else
            for (var i = 0; i < 16; i++)
                if (input.GradeMatrix[i] is < 0 or > 5)
                    errors.Add($"gradeMatrix[{i}]", $"第 {i / 4 + 1} 行第 {i % 4 + 1} 列的失能等级应为 0–5 级。");
        if (input.GradeNames is not null)
        {
            if (input.GradeNames.Count != 6) errors.Add("gradeNames", "失能等级名称应有 6 个（0–5 级）。");
            else
                for (var i = 0; i < 6; i++)
                    if ((input.GradeNames[i] ?? "").Trim().Length is < 2 or > 20) errors.Add($"gradeNames[{i}]", $"{i} 级的名称应为 2–20 个字。");
        }
        return errors;
    }

    private static void Bands(string field, string name, List<ScoreBand>? bands, int max, int step, FieldErrors errors)
    {
        if (bands is not { Count: 4 } || bands.Any(b => b is null))
        {
            errors.Add(field, $"{name}应有 4 个分级（0 能力完好、1 轻度受损、2 中度受损、3 重度受损）。");
            return;
        }
        var ok = true;
        for (var i = 0; i < 4; i++)
        {
            var b = bands[i];
            if (b.Code != i) { errors.Add($"{field}[{i}].code", $"{name}分级应按 0–3 顺序排列，此处应为 {i}。"); ok = false; }
            if ((b.Name ?? "").Trim().Length is < 1 or > 20) errors.Add($"{field}[{i}].name", $"{name}第 {i} 级的名称应为 1–20 个字。");
            if (b.Min < 0 || b.Max > max || b.Min > b.Max)
            {
                errors.Add($"{field}[{i}].min", $"{name}第 {i} 级的分数范围应在 0–{max} 之间，且下限不大于上限。");
                ok = false;
            }
        }
        if (!ok) return;
        for (var score = 0; score <= max; score += step)
        {
            var n = bands.Count(b => score >= b.Min && score <= b.Max);
            if (n != 1)
            {
                errors.Add(field, n == 0 ? $"{name}分级没有覆盖得分 {score}。" : $"{name}分级重复覆盖得分 {score}。");
                return;
            }
        }
        for (var i = 1; i < 4; i++)
            if (bands[i].Max >= bands[i - 1].Min)
            {
                errors.Add($"{field}[{i}].max", $"{name}第 {i} 级比第 {i - 1} 级更重，分数应更低。");
                return;
            }
    }
}

/// <summary>
/// The 长护险 tables in force, for the scorer (singleton). Cached; re-read from the database when older than 30 seconds
/// (in the background, so scoring never waits), and replaced at once when this node saves a new version.
/// </summary>
public sealed class LtcTablesSource(IServiceScopeFactory scopes, IOptions<AssessmentOptions> options, TimeProvider clock) : ILtcTablesSource
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();
    private (int Version, LtcTables Tables, DateTimeOffset LoadedAt)? _current;
    private int _refreshing;

    public LtcTables Current
    {
        get
        {
            var c = _current;
            if (c is null)
            {
                lock (_gate)
                {
                    c = _current ??= Load();
                }
            }
            else if (clock.GetUtcNow() - c.Value.LoadedAt > MaxAge && Interlocked.Exchange(ref _refreshing, 1) == 0)
            {
                _ = Task.Run(() =>
                {
                    try { _current = Load(); }
                    catch (Exception) { /* keep the cached tables; retried on a later read */ }
                    finally { Volatile.Write(ref _refreshing, 0); }
                });
            }
            return c.Value.Tables;
        }
    }

    public void Set(int version, LtcTables tables) => _current = (version, tables, clock.GetUtcNow());

    private (int, LtcTables, DateTimeOffset) Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<YiyangDb>();
        var row = db.Set<LtcTablesVersion>().AsNoTracking().OrderByDescending(v => v.TablesVersion).FirstOrDefault();
        return row is null
            ? (0, options.Value.Ltc2021, clock.GetUtcNow())
            : (row.TablesVersion, JsonSerializer.Deserialize<LtcTablesData>(row.TablesJson, Json)!.ToTables(), clock.GetUtcNow());
    }
}
