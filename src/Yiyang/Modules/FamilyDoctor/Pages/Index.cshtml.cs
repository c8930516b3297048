using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Yiyang.Modules.FamilyDoctor;

namespace Yiyang.Modules.FamilyDoctor.Pages;

[Authorize(Policy = FamilyDoctorPolicies.Read)]
public sealed class IndexModel(
    ListContracts listContracts, RegionCatalog regions, CurrentUser me, IOptions<PlatformOptions> platform) : PageModel
{
    [FromQuery(Name = "status")] public string? Status { get; set; }
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "elderId")] public long? ElderId { get; set; }
    [FromQuery(Name = "teamId")] public long? TeamId { get; set; }
    [FromQuery(Name = "page")] public int? PageNo { get; set; }
    public PagedList<ContractDto>? Result { get; private set; }
    public string? Error { get; private set; }
    public List<Region> Townships { get; private set; } = [];
    public bool CanWrite => me.Can(FamilyDoctorPolicies.Write);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Townships = regions.TownshipsUnder(platform.Value.RootFor(me, 4)).ToList();
        try
        {
            Result = await listContracts.HandleAsync(new ContractQuery(ElderId, TeamId, Status, RegionCode, PageNo, 20), ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }

    public string PageUrl(int page) =>
        $"/FamilyDoctor?status={Uri.EscapeDataString(Status ?? "")}&regionCode={Uri.EscapeDataString(RegionCode ?? "")}&elderId={ElderId}&teamId={TeamId}&page={page}";
}
