using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Claims;

namespace Yiyang.Modules.Claims.Pages;

/// <summary>One claim: billed lines (bed-days × daily rate of the care grade) and the elders left out with the reason.</summary>
[Authorize(Policy = ClaimPolicies.Read)]
public sealed class ClaimModel(GetClaim get) : FormPageModel
{
    public ClaimDto Claim { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        return await PageOrNotFoundAsync(async () => Claim = await get.HandleAsync(id, ct));
    }
}
