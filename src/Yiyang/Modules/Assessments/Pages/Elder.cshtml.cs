using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Assessments;
using Yiyang.Modules.Assessments.CarePlans;
using Yiyang.Modules.Assessments.Records;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;

namespace Yiyang.Modules.Assessments.Pages;

/// <summary>An elder's assessments (all versions, newest first), the next reassessment date and a start form.</summary>
[Authorize(Policy = Policies.AssessmentsScore)]
public sealed class ElderModel(AssessmentService service, CarePlanService plans, InstrumentCatalog catalog, CurrentUser me) : PageModel
{
    [FromRoute] public long ElderId { get; set; }
    public string ElderName { get; private set; } = "";
    public IReadOnlyList<AssessmentDto> Assessments { get; private set; } = [];
    public DateOnly? NextDue { get; private set; }
    public ElderCareLevelDto? CareLevel { get; private set; }
    public IReadOnlyList<CarePlanDto> Plans { get; private set; } = [];
    public bool CanPlan => Policies.Map[Policies.CarePlansWrite].Contains(me.Role);
    public IReadOnlyList<InstrumentSummary> Instruments => catalog.List();
    public bool CanWrite => Policies.Map[Policies.EldersWrite].Contains(me.Role);
    public DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            ElderName = await service.ElderNameAsync(ElderId, ct);
            Assessments = await service.ListAsync(ElderId, ct);
            NextDue = await service.NextDueAsync(ElderId, ct);
            CareLevel = await plans.ElderCareLevelAsync(ElderId, ct);
            Plans = await plans.ListAsync(ElderId, ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
