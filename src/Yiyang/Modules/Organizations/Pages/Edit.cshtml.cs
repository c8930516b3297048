using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Organizations.Pages;

[Authorize(Policy = OrganizationPolicies.Write)]
public sealed class EditModel(OrganizationService organizations, RegionCatalog regions, IOptions<PlatformOptions> platform)
    : OrganizationFormModel(regions, platform)
{
    [FromRoute] public long Id { get; set; }
    public override bool IsEdit => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Form = OrganizationForm.From(await organizations.GetAsync(Id, ct));
            return Page();
        }
        catch (NotFoundException) { return NotFound(); }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CheckBinding()) return Page();
        try
        {
            await organizations.UpdateAsync(Id, Form.ToInput(withVersion: true), null, ct);
            TempData["Message"] = "已保存。";
            return Redirect($"/Organizations/Details/{Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e)
        {
            ShowError(e);
            return Page();
        }
    }
}
