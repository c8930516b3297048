using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Elders.Pages;

[Authorize(Policy = ElderPolicies.Read)]
public sealed class LedgerModel(GetLedger ledger, RegionCatalog regions, CurrentUser me, IOptions<PlatformOptions> platform) : PageModel
{
    [FromQuery(Name = "townshipCode")] public string? TownshipCode { get; set; }
    public IReadOnlyList<LedgerItem>? Items { get; private set; }
    public string? Error { get; private set; }
    public string? TownshipName => regions.Find(TownshipCode)?.Name;
    public List<Region> Townships { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Townships = regions.TownshipsUnder(platform.Value.RootFor(me)).ToList();
        if (string.IsNullOrEmpty(TownshipCode)) return;
        try { Items = await ledger.HandleAsync(TownshipCode, ct); }
        catch (ValidationFailedException e) { Error = string.Join(" ", e.Errors.SelectMany(x => x.Value)); }
    }
}
