using System.Globalization;
using System.Text.Json;
using Yiyang.Modules.Assessments.Instruments;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Records;

/// <summary>A validated, scored assessment input.</summary>
public sealed record ValidAssessment(InstrumentDefinition Definition, string Reason, DateOnly AssessedOn, List<AssessorDto> Assessors,
    string AnswersJson, object Result);

/// <summary>Validation and scoring shared by record, edit and correction; the columns of a saved assessment.</summary>
public sealed class AssessmentDrafting(YiyangDb db, CurrentUser user, InstrumentCatalog catalog, TimeProvider clock, AssessmentAccess access)
{
    private const int MaxAssessors = 5;
    private static readonly JsonSerializerOptions Json = AssessmentMapping.Json;

    /// <summary>Validation and scoring shared by create, edit and correction.</summary>
    public async Task<ValidAssessment> ValidateAsync(AssessmentInput input, string instrumentCode, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var definition = catalog.Find(instrumentCode);
        if (definition is null) errors.Add("instrumentCode", "请选择评估量表（如 gbt42195-2022）。");
        var reason = AssessmentReasons.Parse(input.Reason);
        if (reason is null) errors.Add("reason", "请选择评估原因：首次评估、常规评估、即时评估或复评。");
        var today = clock.ChinaToday();
        if (input.AssessedOn is not { } on) errors.Add("assessedOn", "请填写评估日期。");
        else if (on > today) errors.Add("assessedOn", "评估日期不能晚于今天。");
        else if (on < new DateOnly(2000, 1, 1)) errors.Add("assessedOn", "评估日期不正确。");
        var assessors = await AssessorsAsync(input.Assessors, errors, ct);
        var required = definition?.Code == Gbt42195Scorer.Code ? 2 : 1;
        if (!errors.Has("assessors") && assessors.Count < required)
            errors.Add("assessors", required == 2 ? "老年人能力评估（GB/T 42195）需要两名不同的评估员。" : "请填写评估员。");
        object? result = null;
        if (definition is not null)
        {
            try
            {
                result = catalog.Score(definition.Code, input.ToScoreRequest().ToAnswers());
            }
            catch (ValidationFailedException e)
            {
                foreach (var (field, messages) in e.Errors)
                    foreach (var m in messages) errors.Add(field, m);
            }
        }
        errors.ThrowIfAny();
        var answers = JsonSerializer.Serialize(input.ToScoreRequest(), Json);
        return new ValidAssessment(definition!, reason!, input.AssessedOn!.Value, assessors, answers, result!);
    }

    private async Task<List<AssessorDto>> AssessorsAsync(List<JsonElement>? input, FieldErrors errors, CancellationToken ct)
    {
        var result = new List<AssessorDto>();
        if (input is null || input.Count == 0) return result;
        if (input.Count > MaxAssessors)
        {
            errors.Add("assessors", $"评估员最多 {MaxAssessors} 名。");
            return result;
        }
        for (var i = 0; i < input.Count; i++)
        {
            var v = input[i];
            long? id = v.ValueKind switch
            {
                JsonValueKind.Number when v.TryGetInt64(out var n) => n,
                JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                _ => null,
            };
            if (id is { } uid)
            {
                var u = await db.Users.AsNoTracking().Where(x => x.Id == uid && x.IsActive).Select(x => new { x.Id, x.DisplayName }).FirstOrDefaultAsync(ct);
                if (u is null) errors.Add($"assessors[{i}]", "评估员账号不存在。");
                else result.Add(new AssessorDto(u.Id, u.DisplayName));
                continue;
            }
            var name = v.ValueKind == JsonValueKind.String ? Masking.Scrub((v.GetString() ?? "").Trim()) : "";
            if (name.Length < 2 || name.Length > 50) errors.Add($"assessors[{i}]", "请填写评估员姓名（2–50 个字）或账号编号。");
            else result.Add(new AssessorDto(null, name));
        }
        if (result.GroupBy(a => a.UserId?.ToString(CultureInfo.InvariantCulture) ?? "n:" + a.Name).Any(g => g.Count() > 1)
            || result.GroupBy(a => a.Name).Any(g => g.Count() > 1))
            errors.Add("assessors", "评估员不能重复，请填写不同的评估员。");
        return result;
    }

    private static (int? Total, Level? Level) Summary(object result) => result switch
    {
        Gbt42195Result g => (g.Total, g.FinalLevel),
        Ltc2021Result l => (l.AdlTotal, l.Grade),
        PhsSelfCareResult p => (p.Total, p.Band),
        BarthelResult b => (b.Total, b.Bands.Wst431),
        TcmResult t => (null, new Level(t.NothingIdentified ? -1 : 0, t.Conclusion.Length > 50 ? t.Conclusion[..49] + "…" : t.Conclusion)),
        _ => (null, null),
    };

    public static void Apply(Assessment a, ValidAssessment v)
    {
        var (total, level) = Summary(v.Result);
        a.InstrumentCode = v.Definition.Code;
        a.InstrumentVersion = v.Definition.Version;
        a.Reason = v.Reason;
        a.AssessedOn = v.AssessedOn;
        a.AssessorsJson = JsonSerializer.Serialize(v.Assessors, Json);
        a.AnswersJson = v.AnswersJson;
        a.ResultJson = JsonSerializer.Serialize(v.Result, v.Result.GetType(), Json);
        a.Total = total;
        a.LevelCode = level is { Code: >= 0 } ? level.Code : null;
        a.LevelName = level?.Name;
    }

    public Assessment New(Elder elder, ValidAssessment v, long? previousId, string? note)
    {
        var now = clock.GetUtcNow();
        var a = new Assessment
        {
            ElderId = elder.Id,
            TownshipCode = elder.TownshipCode,
            CountyCode = elder.CountyCode,
            InstrumentCode = "",
            InstrumentVersion = "",
            Reason = "",
            AssessorsJson = "[]",
            AnswersJson = "{}",
            ResultJson = "{}",
            Status = AssessmentStatus.Draft,
            PreviousId = previousId,
            CorrectionNote = note,
            OrganizationId = user.OrganizationId,
            CreatedBy = access.Actor,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(a, v);
        return a;
    }
}
