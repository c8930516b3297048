using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Institutions;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Security;

namespace Yiyang.Pages.Institutions;

/// <summary>Bed board of an institution (read-only): occupancy per bed kind and who is in which bed (names masked).</summary>
[Authorize(Policy = Policies.InstitutionsWrite)]
public sealed class IndexModel(InstitutionService service, CurrentUser me) : PageModel
{
    /// <summary>The institution; staff see their own, the platform admin names one.</summary>
    [FromQuery] public long? OrgId { get; set; }
    public OccupancyDto? Occupancy { get; private set; }
    public IReadOnlyList<BedDto> Beds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var org = OrgId ?? me.OrganizationId;
        if (org is null) return Page();
        try
        {
            Occupancy = await service.OccupancyAsync(org.Value, ct);
            Beds = await service.ListBedsAsync(org.Value, ct);
        }
        catch (NotFoundException) { return NotFound(); }
        return Page();
    }
}
