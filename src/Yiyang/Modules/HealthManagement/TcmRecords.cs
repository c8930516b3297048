using System.Text.Json;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.HealthManagement;

/// <summary>A validated TCM record: date, answers, constitution result and the guidance topics given.</summary>
public sealed record ValidTcm(DateOnly On, string AnswersJson, TcmResult Result, List<string> Topics);

/// <summary>The TCM record (中医药健康管理): validation, completeness, columns, loading for a change, the API object.</summary>
public sealed class TcmRecords(YiyangDb db, CurrentUser user, InstrumentCatalog catalog, HealthManagementAccess access)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly IReadOnlyList<GuidanceTopic> Topics = TcmConstitutionScorer.Topics;

    /// <summary>
    /// TCM completeness (docs/domain/health-management.md#tcm-completeness): constitution identification was done — the scorer
    /// accepts only all 33 answers, so a saved record always has it — and 中医药保健指导 was given in all five areas the
    /// specification names (情志调摄、饮食调养、起居调摄、运动保健、穴位保健).
    /// </summary>
    public static IReadOnlyList<MissingItem> Missing(IReadOnlyCollection<string> topics) =>
        [.. Topics.Where(t => !topics.Contains(t.Code)).Select(t => new MissingItem("guidanceTopics", "中医药保健指导：" + t.Name))];

    public ValidTcm Validate(TcmInput input, Elder elder)
    {
        var errors = new FieldErrors();
        access.CheckDate(errors, "assessedOn", input.AssessedOn, "辨识日期");
        access.CheckAge(errors, elder, input.AssessedOn);
        var topics = new List<string>();
        foreach (var raw in input.GuidanceTopics ?? [])
        {
            var t = Topics.FirstOrDefault(x => x.Code == raw?.Trim() || x.Name == raw?.Trim());
            if (t is null) errors.Add("guidanceTopics", "保健指导只能从 " + string.Join("、", Topics.Select(x => x.Name)) + " 中选择。");
            else if (!topics.Contains(t.Code)) topics.Add(t.Code);
        }
        var request = new ScoreRequest(input.Items, Height: input.Height, Weight: input.Weight, Waist: input.Waist);
        TcmResult? result = null;
        try
        {
            result = (TcmResult)catalog.Score(TcmConstitutionScorer.Code, request.ToAnswers());
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors)
                foreach (var m in messages) errors.Add(field, m);
        }
        errors.ThrowIfAny();
        return new ValidTcm(input.AssessedOn!.Value, JsonSerializer.Serialize(request, Json), result!, topics);
    }

    private static string IdentifiedText(TcmResult r) =>
        r.NothingIdentified ? "" : string.Join("、", r.Constitutions.Where(c => c.Identified).Select(c => $"{c.Name}（{c.Verdict}）"));

    public static void Apply(TcmRecord t, ValidTcm v)
    {
        t.AssessedOn = v.On;
        t.Year = v.On.Year;
        t.AnswersJson = v.AnswersJson;
        t.ResultJson = JsonSerializer.Serialize(v.Result, Json);
        var identified = IdentifiedText(v.Result);
        t.Identified = identified.Length > 200 ? identified[..199] + "…" : identified;
        t.GuidanceJson = JsonSerializer.Serialize(v.Topics, Json);
        t.Complete = Missing(v.Topics).Count == 0;
    }

    public static string Describe(TcmRecord t) =>
        $"{t.Year} 年中医药健康管理（{t.AssessedOn:yyyy-MM-dd}）：" + (t.Identified.Length == 0 ? "未辨识出明确体质" : t.Identified) +
        (t.Complete ? "，已给予保健指导" : "，保健指导未完成");

    public static ConflictException Duplicate(int year) => new("duplicate-year", $"该老年人 {year} 年已有中医药健康管理记录，请修改原记录。");

    public static NotFoundException NotFound() => new("未找到该中医药健康管理记录，或您无权查看。");

    public async Task<TcmRecord> LoadForWriteAsync(long id, CancellationToken ct)
    {
        access.RequireWriter();
        return await db.ScopedByElder<TcmRecord>(user, forWrite: true).AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw NotFound();
    }

    /// <summary>Saves; a concurrent record of the same elder and year is a 409.</summary>
    public Task SaveAsync(int year, CancellationToken ct) => db.SaveOrConflictAsync(ct, onDuplicate: () => Duplicate(year));

    public static TcmDto ToDto(TcmRecord t, string elderName)
    {
        var topics = JsonSerializer.Deserialize<List<string>>(t.GuidanceJson, Json) ?? [];
        return new TcmDto(t.Id, t.ElderId, elderName, t.TownshipCode, t.Year, t.AssessedOn, JsonSerializer.Deserialize<JsonElement>(t.AnswersJson),
            JsonSerializer.Deserialize<JsonElement>(t.ResultJson), t.Identified, topics,
            [.. topics.Select(c => Topics.FirstOrDefault(x => x.Code == c)?.Name ?? c)], t.Complete, Missing(topics),
            HealthManagementAccess.StatusCode(t.Status), HealthManagementAccess.StatusName(t.Status), t.CreatedBy, t.SignedBy, t.SignedAt, t.Version);
    }
}
