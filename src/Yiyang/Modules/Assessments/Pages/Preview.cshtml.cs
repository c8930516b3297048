using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Assessments;

namespace Yiyang.Modules.Assessments.Pages;

/// <summary>
/// Renders an instrument from its definition, scores the posted answers without saving and shows the result.
/// Form field names and error keys are the API's: <c>items.B1.1</c>, <c>coma</c>, <c>riskEvents30d.fall</c>, <c>height</c>…
/// </summary>
[Authorize(Policy = AssessmentPolicies.Score)]
public sealed class PreviewModel(InstrumentCatalog catalog) : InstrumentFormModel
{
    [FromRoute(Name = "code")] public string Code { get; set; } = "";

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
        ReadForm();
        try
        {
            Result = catalog.Score(d.Code, ToScoreRequest().ToAnswers());
        }
        catch (AppException e)
        {
            Show(e);
        }
        return Page();
    }
}
