using System.Text.Json;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>Saved assessments as API objects: names of elders, instruments, reasons and statuses; the correcting version.</summary>
public sealed class AssessmentMapping(YiyangDb db, InstrumentCatalog catalog)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<List<AssessmentDto>> ToDtosAsync(List<Assessment> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var elderIds = rows.Select(r => r.ElderId).Distinct().ToList();
        var names = await db.Elders.AsNoTracking().Where(e => elderIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var successors = await db.Set<Assessment>().AsNoTracking().Where(x => x.PreviousId != null && ids.Contains(x.PreviousId.Value))
            .Select(x => new { x.Id, Previous = x.PreviousId!.Value }).ToListAsync(ct);
        return rows.Select(a => new AssessmentDto(a.Id, a.ElderId, names.GetValueOrDefault(a.ElderId) ?? "", a.TownshipCode, a.InstrumentCode,
            a.InstrumentVersion, catalog.Find(a.InstrumentCode)?.Name ?? a.InstrumentCode, a.Reason, AssessmentReasons.Name(a.Reason),
            a.AssessedOn, JsonSerializer.Deserialize<List<AssessorDto>>(a.AssessorsJson, Json) ?? [],
            JsonSerializer.Deserialize<JsonElement>(a.AnswersJson), JsonSerializer.Deserialize<JsonElement>(a.ResultJson),
            a.Total, a.LevelCode, a.LevelName, StatusCode(a.Status), StatusName(a.Status), a.NextDue, a.PreviousId,
            successors.FirstOrDefault(s => s.Previous == a.Id)?.Id, a.CorrectionNote, a.CreatedBy, a.SignedBy, a.SignedAt, a.CreatedAt,
            a.Version)).ToList();
    }

    public static string StatusCode(AssessmentStatus s) => s switch
    {
        AssessmentStatus.Draft => "draft",
        AssessmentStatus.Signed => "signed",
        _ => "superseded",
    };

    public static string StatusName(AssessmentStatus s) => s switch
    {
        AssessmentStatus.Draft => "草稿",
        AssessmentStatus.Signed => "已签署",
        _ => "已更正",
    };

    /// <summary>老年人能力评估：能力中度受损（中度失能）（2 级），总分 55，常规评估.</summary>
    public static string Describe(string instrumentName, int? total, int? levelCode, string? levelName, string reason)
    {
        var shortName = instrumentName.Split('（', '(')[0];
        var level = levelName is null ? "" : levelCode is { } c ? $"：{levelName}（{c} 级）" : $"：{levelName}";
        var score = total is { } t ? $"，总分 {t}" : "";
        return $"{shortName}{level}{score}，{AssessmentReasons.Name(reason)}";
    }
}
