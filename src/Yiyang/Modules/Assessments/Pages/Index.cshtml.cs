using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Assessments;

namespace Yiyang.Modules.Assessments.Pages;

[Authorize(Policy = AssessmentPolicies.Score)]
public sealed class IndexModel(InstrumentCatalog catalog) : PageModel
{
    public IReadOnlyList<InstrumentDefinition> Instruments { get; private set; } = [];

    public void OnGet() => Instruments = catalog.List().Select(i => catalog.Get(i.Code)).ToList();
}
