using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiyang.Modules.Elders;
using Yiyang.Platform.Errors;
using Yiyang.Platform.Regions;
using Yiyang.Platform.Security;
using Yiyang.Platform.Web;

namespace Yiyang.Modules.Elders.Pages;

[Authorize(Policy = Policies.EldersRead)]
public sealed class IndexModel(ElderService elders, RegionCatalog regions, CurrentUser me) : PageModel
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "flag")] public string? Flag { get; set; }
    [FromQuery(Name = "page")] public int? PageNo { get; set; }
    public PagedList<ElderListItem>? Result { get; private set; }
    public string? Error { get; private set; }
    public List<Region> Townships { get; private set; } = [];
    public bool CanWrite => Policies.Map[Policies.EldersWrite].Contains(me.Role);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Townships = regions.TownshipsUnder(me.RegionCode is { Length: >= 4 } r ? r : "610202").ToList();
        try
        {
            Result = await elders.ListAsync(new ElderQuery(Q, RegionCode, Flag, PageNo, 20), ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }

    public string PageUrl(int page) =>
        $"/Elders?q={Uri.EscapeDataString(Q ?? "")}&regionCode={Uri.EscapeDataString(RegionCode ?? "")}&flag={Uri.EscapeDataString(Flag ?? "")}&page={page}";
}
