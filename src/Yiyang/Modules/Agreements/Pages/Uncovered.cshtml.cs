using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Agreements;

namespace Yiyang.Modules.Agreements.Pages;

/// <summary>For regulators: care homes with neither an agreement in force nor a medical room of their own.</summary>
[Authorize(Policy = AgreementPolicies.Oversight)]
public sealed class UncoveredModel(ListUncoveredCareHomes uncovered) : PageModel
{
    [FromQuery] public string? RegionCode { get; set; }
    public IReadOnlyList<UncoveredDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await uncovered.HandleAsync(RegionCode, ct);
}
