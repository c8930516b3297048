using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Organizations;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Regions;
using Yiyang.Platform.Security;

namespace Yiyang.Pages.Organizations;

[Authorize(Policy = Policies.OrganizationsWrite)]
public sealed class CreateModel(OrganizationService organizations, RegionCatalog regions) : OrganizationFormModel(regions)
{
    public override bool IsEdit => false;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CheckBinding()) return Page();
        try
        {
            var o = await organizations.CreateAsync(Form.ToInput(withVersion: false), ct);
            TempData["Message"] = "已保存。";
            return Redirect($"/Organizations/Details/{o.Id}");
        }
        catch (AppException e)
        {
            Show(e);
            if (e is ConflictException { Code: "duplicate-credit-code" })
                FieldErrors["creditCode"] = e.Message;
            return Page();
        }
    }
}
