using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Organizations.Pages;

[Authorize(Policy = OrganizationPolicies.Write)]
public sealed class CreateModel(OrganizationService organizations, RegionCatalog regions, IOptions<PlatformOptions> platform)
    : OrganizationFormModel(regions, platform)
{
    public override bool IsEdit => false;

    /// <summary>Institution admins may edit their own organization but not register new ones.</summary>
    public IActionResult OnGet() => organizations.CanCreate() ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!organizations.CanCreate()) return Forbid();
        if (!CheckBinding()) return Page();
        try
        {
            var o = await organizations.CreateAsync(Form.ToInput(withVersion: false), ct);
            TempData["Message"] = "已保存。";
            return Redirect($"/Organizations/Details/{o.Id}");
        }
        catch (AppException e)
        {
            ShowError(e);
            return Page();
        }
    }
}
