using System.Globalization;
using System.Text.Json;

namespace Yiyang.Modules.Assessments.CarePlans;

/// <summary>修改分级表与组合表: saves edited tables as the next version (regulators of the insurance bureau only); the scorer uses them at once.</summary>
public sealed class UpdateLtcTables(YiyangDb db, CurrentUser user, AuditTrail audit, TimeProvider clock, LtcTablesVersions versions, LtcTablesSource source)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPut("/", async Task<Ok<LtcTablesDto>> (LtcTablesInput input, IfMatch ifMatch, UpdateLtcTables handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(input, ifMatch.Version, ct)))
            .RequireAuthorization(AssessmentPolicies.LtcTablesManage)
            .ProducesProblems(400, 403, 409, 412)
            .WithSummary("修改分级表与组合表（医保部门监管人员；保存为新版本，立即用于评分）；需 version 或 If-Match");

    public async Task<LtcTablesDto> HandleAsync(LtcTablesInput input, int? ifMatchVersion, CancellationToken ct)
    {
        if (!versions.MayEdit) throw new ForbiddenException("只有医疗保障部门的监管人员可以修改长护险失能等级评估的分级表和组合表。");
        var errors = LtcTableRules.Validate(input);
        var note = Masking.Scrub((input.Note ?? "").Trim());
        if (note.Length > 200) errors.Add("note", "修改说明最多 200 个字。");
        errors.ThrowIfAny();
        var current = await versions.CurrentAsync(ct);
        Etags.CheckVersion(current.Version, ifMatchVersion, input.Version);
        static List<ScoreBand> Clean(List<ScoreBand> bands) =>
            bands.Select(b => new ScoreBand { Code = b.Code, Name = b.Name.Trim(), Min = b.Min, Max = b.Max }).ToList();
        var data = new LtcTablesData(Clean(input.AdlBands!), Clean(input.CognitionBands!), Clean(input.PerceptionBands!), [.. input.GradeMatrix!],
            input.GradeNames?.Select(n => n.Trim()).ToList() ?? current.Tables.GradeNames);
        if (data.ToTables().Problems() is { Count: > 0 } problems) // the scorer's own start-up check, as a last guard
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["tables"] = [.. problems] });
        var row = new LtcTablesVersion
        {
            TablesVersion = current.Version + 1,
            TablesJson = JsonSerializer.Serialize(data, LtcTablesVersions.Json),
            Note = note.Length == 0 ? null : note,
            CreatedBy = user.UserName,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(row);
        await db.SaveOrConflictAsync(ct, onDuplicate: () => new ConflictException("concurrency", "分级表已被他人修改，请刷新后再试。"));
        source.Set(row.TablesVersion, data.ToTables());
        await audit.RecordAsync("assessments.ltc-tables.update", "ltc-tables", row.TablesVersion.ToString(CultureInfo.InvariantCulture));
        return LtcTablesVersions.ToDto(row);
    }
}
