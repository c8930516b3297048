using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Yiyang.Modules.Claims;

namespace Yiyang.Modules.Claims.Pages;

/// <summary>Claims of the user's institution (or region): the list and the monthly generation form (长护险机构, per bed-day).</summary>
[Authorize(Policy = ClaimPolicies.Read)]
public sealed class IndexModel(ListClaims list, GenerateClaim generate, CurrentUser me) : FormPageModel
{
    [BindProperty(SupportsGet = true)] public long? OrganizationId { get; set; }
    [BindProperty] public string? Month { get; set; }
    public IReadOnlyList<ClaimSummaryDto> Claims { get; private set; } = [];
    public bool CanGenerate => me.Can(ClaimPolicies.Write);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Month ??= TimeProvider.System.ChinaToday().AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Claims = await list.HandleAsync(OrganizationId, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var c = await generate.HandleAsync(new ClaimInput(OrganizationId, "ltc-institution", Month), ct);
            return Redirect($"/Claims/Claim/{c.Id}");
        }
        catch (ConflictException e)
        {
            FieldErrors["month"] = e.Message;
            FormError = "提交的信息有误，请按红色提示修改后再提交。";
        }
        catch (AppException e)
        {
            Show(e);
        }
        Claims = await list.HandleAsync(OrganizationId, ct);
        return Page();
    }
}
