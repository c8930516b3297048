using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Elders;

namespace Yiyang.Modules.Elders.Pages;

[Authorize(Policy = ElderPolicies.Read)]
public sealed class IndexModel(SearchElders elders, RegionCatalog regions, CurrentUser me, IOptions<PlatformOptions> platform) : PageModel
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "flag")] public string? Flag { get; set; }
    [FromQuery(Name = "page")] public int? PageNo { get; set; }
    public PagedList<ElderListItem>? Result { get; private set; }
    public string? Error { get; private set; }
    public List<Region> Townships { get; private set; } = [];
    public bool CanWrite => me.Can(ElderPolicies.Write);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Townships = regions.TownshipsUnder(platform.Value.RootFor(me)).ToList();
        try
        {
            Result = await elders.HandleAsync(new ElderQuery(Q, RegionCode, Flag, PageNo, 20), ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }

    public string PageUrl(int page) =>
        $"/Elders?q={Uri.EscapeDataString(Q ?? "")}&regionCode={Uri.EscapeDataString(RegionCode ?? "")}&flag={Uri.EscapeDataString(Flag ?? "")}&page={page}";
}
