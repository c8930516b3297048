using System.Text.Json;
using System.Text.Json.Nodes;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HealthManagement;

/// <summary>A validated yearly record: date, normalized content, self-care score and what the rules derive.</summary>
public sealed record ValidCheck(DateOnly CheckedOn, JsonObject Content, PhsSelfCareResult? SelfCare, CheckEvaluation Evaluation);

/// <summary>The yearly health-management record (年度体检): validation, columns, loading for a change, the API object.</summary>
public sealed class HealthCheckRecords(YiyangDb db, CurrentUser user, InstrumentCatalog catalog, HealthManagementAccess access)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ValidCheck Validate(HealthCheckInput input, Elder elder)
    {
        var errors = new FieldErrors();
        access.CheckDate(errors, "checkedOn", input.CheckedOn, "体检日期");
        access.CheckAge(errors, elder, input.CheckedOn);
        var content = access.Form.Normalize(input.Sections(), errors);
        errors.ThrowIfAny();
        var items = access.Form.SelfCareItems(content);
        PhsSelfCareResult? selfCare = null;
        if (items.Values.All(v => v is not null))
            selfCare = (PhsSelfCareResult)catalog.Score(PhsSelfCareScorer.Code, new AssessmentAnswers(items));
        return new ValidCheck(input.CheckedOn!.Value, content, selfCare, access.Form.Evaluate(content, selfCare?.Total));
    }

    public static void Apply(HealthCheck c, ValidCheck v)
    {
        c.CheckedOn = v.CheckedOn;
        c.Year = v.CheckedOn.Year;
        c.ContentJson = v.Content.ToJsonString();
        c.SelfCareTotal = v.SelfCare?.Total;
        c.SelfCareBand = v.SelfCare?.Band.Code;
        c.Bmi = v.Evaluation.Bmi;
        c.Systolic = HealthCheckForm.Number(v.Content, "physicalExam", "systolic") is { } s ? (int)s : null;
        c.Diastolic = HealthCheckForm.Number(v.Content, "physicalExam", "diastolic") is { } d ? (int)d : null;
        c.Abnormal = v.Evaluation.Abnormalities.Count > 0;
        c.Complete = v.Evaluation.Complete;
    }

    public static string Describe(HealthCheck c, CheckEvaluation e) =>
        $"{c.Year} 年老年人健康管理体检（{c.CheckedOn:yyyy-MM-dd}）：" + (e.Complete ? "记录完整" : $"尚缺 {e.Missing.Count} 项") +
        (e.Abnormalities.Count > 0 ? "，异常：" + string.Join("、", e.Abnormalities) : "");

    public static string DuplicateMessage(int year) => $"该老年人 {year} 年已有健康管理记录，请修改原记录。";

    public static ConflictException Duplicate(int year) => new("duplicate-year", DuplicateMessage(year));

    public static NotFoundException NotFound() => new("未找到该健康管理记录，或您无权查看。");

    public async Task<HealthCheck> LoadForWriteAsync(long id, CancellationToken ct)
    {
        access.RequireWriter();
        return await db.ScopedByElder<HealthCheck>(user, forWrite: true).AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound();
    }

    /// <summary>Saves; a concurrent record of the same elder and year is a 409.</summary>
    public Task SaveAsync(int year, CancellationToken ct) => db.SaveOrConflictAsync(ct, onDuplicate: () => Duplicate(year));

    public HealthCheckDto ToDto(HealthCheck c, string elderName)
    {
        var content = JsonNode.Parse(c.ContentJson) as JsonObject ?? [];
        var e = access.Form.Evaluate(content, c.SelfCareTotal);
        var band = c.SelfCareTotal is { } t ? PhsSelfCareScorer.BandFor(t) : null;
        return new HealthCheckDto(c.Id, c.ElderId, elderName, c.TownshipCode, c.Year, c.CheckedOn, JsonSerializer.Deserialize<JsonElement>(c.ContentJson),
            band is null ? null : new SelfCareDto(c.SelfCareTotal!.Value, band.Code, band.Name), c.Bmi, e.Abnormalities, c.Complete, e.Missing,
            HealthManagementAccess.StatusCode(c.Status), HealthManagementAccess.StatusName(c.Status), c.CreatedBy, c.SignedBy, c.SignedAt, c.UpdatedAt,
            c.Version);
    }
}
