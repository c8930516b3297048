using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Data;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Regions;
using Yiyang.Platform.Security;

namespace Yiyang.Modules.Elders.Pages;

[Authorize(Policy = Policies.EldersWrite)]
public sealed class EditModel(ElderService elders, YiyangDb db, RegionCatalog regions, CurrentUser me) : ElderFormModel(db, regions, me)
{
    [FromRoute] public long Id { get; set; }
    public override bool IsEdit => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            var d = await elders.GetAsync(Id, ct);
            Form = new ElderForm
            {
                Name = d.Name,
                TownshipCode = d.TownshipCode,
                InsuranceType = d.InsuranceType,
                HealthCardNo = d.HealthCardNo,
                Flags = [.. d.Flags],
                ResponsibleOrganizationId = d.ResponsibleOrganizationId,
                Version = d.Version,
            };
        }
        catch (NotFoundException) { return NotFound(); }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await elders.UpdateKeepingHiddenFieldsAsync(Id, Form.ToInput(), ct);
            TempData["Message"] = "已保存。";
            return Redirect($"/Elders/Details/{Id}");
        }
        catch (NotFoundException) { return NotFound(); }
        catch (AppException e)
        {
            Show(e);
            await LoadChoicesAsync(ct);
            return Page();
        }
    }
}
