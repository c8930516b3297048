using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Organizations.Pages;

[Authorize(Policy = OrganizationPolicies.Read)]
public sealed class DetailsModel(OrganizationService organizations) : PageModel
{
    [FromRoute] public long Id { get; set; }
    public OrganizationDto? Organization { get; private set; }
    public bool CanWrite => Organization is { } o && organizations.CanEdit(o);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Organization = await organizations.GetAsync(Id, ct);
            return Page();
        }
        catch (NotFoundException) { return NotFound(); }
    }
}
