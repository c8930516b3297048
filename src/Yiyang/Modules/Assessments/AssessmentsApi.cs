using System.Text.Json;

namespace Yiyang.Modules.Assessments;

/// <summary>
/// Body of <c>POST /api/instruments/{code}/score</c>: <c>items</c> maps item keys to integer scores; the other members
/// are the instrument-specific inputs (GB/T 42195: <c>coma</c>, <c>diagnoses</c>, <c>psychiatristDiagnosed</c>,
/// <c>riskEvents30d</c>; TCM: <c>height</c> cm, <c>weight</c> kg, <c>waist</c> cm).
/// </summary>
public sealed record ScoreRequest(
    Dictionary<string, JsonElement>? Items,
    bool? Coma = null,
    List<string>? Diagnoses = null,
    bool? PsychiatristDiagnosed = null,
    Dictionary<string, int>? RiskEvents30d = null,
    decimal? Height = null,
    decimal? Weight = null,
    decimal? Waist = null)
{
    /// <summary>Converts to <see cref="AssessmentAnswers"/>; a value that is not an integer is a field error.</summary>
    public AssessmentAnswers ToAnswers()
    {
        var errors = new FieldErrors();
        var items = new Dictionary<string, int?>();
        foreach (var (key, value) in Items ?? [])
        {
            if (value.ValueKind == JsonValueKind.Null) items[key] = null;
            else if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)) items[key] = n;
            else errors.Add(AnswerValidation.ItemField(key), $"“{key}”的分值必须是整数。");
        }
        errors.ThrowIfAny();
        return new AssessmentAnswers(items)
        {
            Coma = Coma ?? false,
            Diagnoses = Diagnoses,
            PsychiatristDiagnosed = PsychiatristDiagnosed ?? false,
            RiskEvents30d = RiskEvents30d,
            Height = Height,
            Weight = Weight,
            Waist = Waist,
        };
    }
}

public static class AssessmentsApi
{
    public static void MapAssessments(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/instruments").WithTags("Assessments").RequireAuthorization(AssessmentPolicies.Score);

        g.MapGet("/", Ok<IReadOnlyList<InstrumentSummary>> (InstrumentCatalog catalog) => TypedResults.Ok(catalog.List()))
            .WithSummary("评估量表列表（代码、版本、名称）");

        g.MapGet("/{code}", Ok<InstrumentDefinition> (string code, InstrumentCatalog catalog) => TypedResults.Ok(catalog.Get(code)))
            .ProducesProblems(404)
            .WithSummary("评估量表定义：分组、项目、选项与分值、附加信息");

        // Validation errors are keyed "items.<item key>" (e.g. errors["items.B1.1"]) for items, and by the member
        // name for the other inputs ("diagnoses[0]", "riskEvents30d.fall", "height", "weight", "waist").
        g.MapPost("/{code}/score", Ok<object> (string code, ScoreRequest request, InstrumentCatalog catalog) =>
            {
                var definition = catalog.Get(code);
                return TypedResults.Ok(catalog.Score(definition.Code, request.ToAnswers()));
            })
            .ProducesProblems(400, 404)
            .WithSummary("按量表计分（不保存）。缺项或超出取值范围返回 400，errors 以 items.<项目代码> 为键。");
    }
}
