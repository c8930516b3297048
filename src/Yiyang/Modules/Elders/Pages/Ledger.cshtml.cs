using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Regions;
using Yiyang.Platform.Security;

namespace Yiyang.Modules.Elders.Pages;

[Authorize(Policy = Policies.EldersRead)]
public sealed class LedgerModel(ElderService elders, RegionCatalog regions, CurrentUser me) : PageModel
{
    [FromQuery(Name = "townshipCode")] public string? TownshipCode { get; set; }
    public IReadOnlyList<LedgerItem>? Items { get; private set; }
    public string? Error { get; private set; }
    public string? TownshipName => regions.Find(TownshipCode)?.Name;
    public List<Region> Townships { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Townships = regions.TownshipsUnder(me.RegionCode is { Length: >= 4 } r ? r : "610202").ToList();
        if (string.IsNullOrEmpty(TownshipCode)) return;
        try { Items = await elders.LedgerAsync(TownshipCode, ct); }
        catch (ValidationFailedException e) { Error = string.Join(" ", e.Errors.SelectMany(x => x.Value)); }
    }
}
