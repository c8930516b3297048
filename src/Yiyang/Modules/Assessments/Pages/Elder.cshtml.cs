using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Assessments.Pages;

/// <summary>An elder's assessments (all versions, newest first), the next reassessment date and a start form.</summary>
[Authorize(Policy = AssessmentPolicies.Score)]
public sealed class ElderModel(
    AssessmentAccess access, ListAssessments list, CareLevels levels, ListCarePlans plans, InstrumentCatalog catalog, CurrentUser me,
    TimeProvider clock) : PageModel
{
    [FromRoute] public long ElderId { get; set; }
    public string ElderName { get; private set; } = "";
    public IReadOnlyList<AssessmentDto> Assessments { get; private set; } = [];
    public DateOnly? NextDue { get; private set; }
    public ElderCareLevelDto? CareLevel { get; private set; }
    public IReadOnlyList<CarePlanDto> Plans { get; private set; } = [];
    public bool CanPlan => me.Can(AssessmentPolicies.CarePlansWrite);
    public IReadOnlyList<InstrumentSummary> Instruments => catalog.List();
    public bool CanWrite => me.Can(ElderPolicies.Write);
    public DateOnly Today => clock.ChinaToday();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            ElderName = await access.ElderNameAsync(ElderId, ct);
            Assessments = await list.HandleAsync(ElderId, ct);
            NextDue = await access.NextDueAsync(ElderId, ct);
            CareLevel = await levels.ElderCareLevelAsync(ElderId, ct);
            Plans = await plans.HandleAsync(ElderId, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
