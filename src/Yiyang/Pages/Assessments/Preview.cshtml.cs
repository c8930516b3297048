using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Assessments;
using Yiyang.Pages.Shared;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;

namespace Yiyang.Pages.Assessments;

/// <summary>
/// Renders an instrument from its definition, scores the posted answers without saving and shows the result.
/// Form field names and error keys are the API's: <c>items.B1.1</c>, <c>coma</c>, <c>riskEvents30d.fall</c>, <c>height</c>…
/// </summary>
[Authorize(Policy = Policies.AssessmentsScore)]
public sealed class PreviewModel(InstrumentCatalog catalog) : FormPageModel
{
    private static readonly char[] Separators = [',', '，', ';', '；', ' ', '、', '\n', '\r', '\t'];

    [FromRoute(Name = "code")] public string Code { get; set; } = "";

    public InstrumentDefinition Definition { get; private set; } = null!;

    /// <summary>The posted values by field name, to re-fill the form.</summary>
    public Dictionary<string, string> Values { get; } = new();

    public object? Result { get; private set; }

    public string Value(string field) => Values.GetValueOrDefault(field) ?? "";

    public IActionResult OnGet()
    {
        if (catalog.Find(Code) is not { } d) return NotFound();
        Definition = d;
        return Page();
    }

    public IActionResult OnPost()
    {
        if (catalog.Find(Code) is not { } d) return NotFound();
        Definition = d;
        foreach (var (key, value) in Request.Form)
            if (key != "__RequestVerificationToken") Values[key] = value.ToString().Trim();

        var errors = new FieldErrors();
        var items = new Dictionary<string, int?>();
        foreach (var item in d.AllItems)
        {
            var raw = Value(AnswerValidation.ItemField(item.Key));
            if (raw.Length == 0) continue;
            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) items[item.Key] = n;
            else errors.Add(AnswerValidation.ItemField(item.Key), $"“{item.Label}”的分值必须是整数。");
        }
        var counts = new Dictionary<string, int>();
        decimal? height = null, weight = null, waist = null;
        foreach (var field in d.Fields)
        {
            switch (field.Type)
            {
                case "counts":
                    foreach (var part in field.Parts ?? [])
                    {
                        var name = $"{field.Key}.{part.Key}";
                        var raw = Value(name);
                        if (raw.Length == 0) continue;
                        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c)) counts[part.Key] = c;
                        else errors.Add(name, "请填写次数（整数）。");
                    }
                    break;
                case "number":
                    {
                        var raw = Value(field.Key);
                        if (raw.Length == 0) break;
                        if (!decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var x))
                        {
                            errors.Add(field.Key, $"请填写数字（{field.Unit}）。");
                            break;
                        }
                        if (field.Key == "height") height = x;
                        else if (field.Key == "weight") weight = x;
                        else if (field.Key == "waist") waist = x;
                        break;
                    }
            }
        }
        try
        {
            errors.ThrowIfAny();
            var answers = new AssessmentAnswers(items)
            {
                Coma = Value("coma") == "true",
                PsychiatristDiagnosed = Value("psychiatristDiagnosed") == "true",
                Diagnoses = Value("diagnoses").Split(Separators, StringSplitOptions.RemoveEmptyEntries),
                RiskEvents30d = counts,
                Height = height,
                Weight = weight,
                Waist = waist,
            };
            Result = catalog.Score(d.Code, answers);
        }
        catch (AppException e)
        {
            Show(e);
        }
        return Page();
    }
}
