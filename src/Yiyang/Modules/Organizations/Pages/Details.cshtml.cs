using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Organizations.Pages;

[Authorize(Policy = OrganizationPolicies.Read)]
public sealed class DetailsModel(OrganizationService organizations, IEnumerable<IOrganizationPageLink> links) : PageModel
{
    [FromRoute] public long Id { get; set; }
    public OrganizationDto? Organization { get; private set; }
    public bool CanWrite => Organization is { } o && organizations.CanEdit(o);

    /// <summary>The links other modules add for the signed-in user (<see cref="IOrganizationPageLink"/>).</summary>
    public IEnumerable<(string Text, string Href, string Id)> Links =>
        Organization is { } o ? links.Select(l => l.For(o.Id)).Where(l => l is not null).Select(l => l!.Value) : [];

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
