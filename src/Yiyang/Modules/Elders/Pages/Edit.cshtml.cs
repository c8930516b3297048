using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Elders.Pages;

[Authorize(Policy = ElderPolicies.Write)]
public sealed class EditModel(GetElder elders, UpdateElder update, YiyangDb db, RegionCatalog regions, CurrentUser me, IOptions<PlatformOptions> platform)
    : ElderFormModel(db, regions, me, platform)
{
    [FromRoute] public long Id { get; set; }
    public override bool IsEdit => true;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            var d = await elders.HandleAsync(Id, ct);
            Form = new ElderForm
            {
                Name = d.Name,
                TownshipCode = d.TownshipCode,
                InsuranceType = d.InsuranceType,
                Flags = [.. d.Flags],
                ResponsibleOrganizationId = d.ResponsibleOrganizationId,
                Version = d.Version,
            };
            HealthCardNoMasked = d.HealthCardNoMasked;
        }
        catch (NotFoundException) { return NotFound(); }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => AttemptAsync(async () =>
    {
        await update.KeepingHiddenFieldsAsync(Id, Form.ToInput(), ct);
        TempData["Message"] = "已保存。";
        return Redirect($"/Elders/Details/{Id}");
    }, () => LoadChoicesAsync(ct));
}
