using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Elders.Pages;

[Authorize(Policy = ElderPolicies.Write)]
public sealed class CreateModel(RegisterElder register, YiyangDb db, RegionCatalog regions, CurrentUser me, IOptions<PlatformOptions> platform)
    : ElderFormModel(db, regions, me, platform)
{
    public override bool IsEdit => false;
    public long? ExistingId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var elder = await register.HandleAsync(Form.ToInput(), ct);
            TempData["Message"] = "已登记。";
            return Redirect($"/Elders/Details/{elder.Id}");
        }
        catch (AppException e)
        {
            Show(e);
            if (e is ConflictException c && c.Extensions.TryGetValue("existingId", out var id))
            {
                FieldErrors["idNumber"] = "该身份证号码已登记，请勿重复登记。";
                FormError = $"该老年人已登记（档案编号 {id}），请勿重复登记。";
            }
            await LoadChoicesAsync(ct);
            return Page();
        }
    }
}
