using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.DailyCare;

namespace Yiyang.Modules.DailyCare.Pages;

/// <summary>Today's daily care of the user's institution: every resident with the progress of the day (外出 residents need no records).</summary>
[Authorize(Policy = DailyCarePolicies.Record)]
public sealed class IndexModel(GetInstitutionChecklist checklist, CurrentUser me) : PageModel
{
    /// <summary>The institution; staff see their own, the city operator names one.</summary>
    [FromQuery] public long? OrgId { get; set; }
    public InstitutionChecklistDto? Checklist { get; private set; }
    public bool NotAnInstitution { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var org = OrgId ?? me.OrganizationId;
        if (org is null) return Page();
        try
        {
            Checklist = await checklist.HandleAsync(org.Value, null, ct);
        }
        catch (NotFoundException)
        {
            if (OrgId is not null) return NotFound();
            NotAnInstitution = true; // e.g. a doctor of a hospital: no residents to care for
        }
        return Page();
    }
}
