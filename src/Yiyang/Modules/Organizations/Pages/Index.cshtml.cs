using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Yiyang.Modules.Organizations;

namespace Yiyang.Modules.Organizations.Pages;

[Authorize(Policy = OrganizationPolicies.Read)]
public sealed class IndexModel(OrganizationService organizations, RegionCatalog regions, IOptions<PlatformOptions> platform) : PageModel
{
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "kind")] public string? Kind { get; set; }
    [FromQuery(Name = "regionCode")] public string? RegionCode { get; set; }
    [FromQuery(Name = "nonCompliant")] public bool NonCompliant { get; set; }
    [FromQuery(Name = "page")] public int? PageNo { get; set; }
    public PagedList<OrganizationDto>? Result { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<Region> Townships => regions.ChildrenOf(platform.Value.DistrictCode);
    public bool CanWrite => organizations.CanCreate();

    public async Task OnGetAsync(CancellationToken ct)
    {
        try
        {
            Result = await organizations.ListAsync(
                new OrganizationQuery(Q, Kind, RegionCode, NonCompliant ? true : null, PageNo, 20), ct);
        }
        catch (ValidationFailedException e)
        {
            Error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }

    /// <summary>Short name of a township for the table ("黄堡镇" rather than the full path).</summary>
    public string TownshipName(string code) => regions.Find(code)?.Name ?? code;

    public static string TypeAndLevel(OrganizationDto o)
    {
        var parts = new[] { o.MedicalType, o.CareType, o.Level }.Where(s => !string.IsNullOrEmpty(s));
        var text = string.Join(" / ", parts);
        return text.Length == 0 ? "—" : text;
    }

    public string PageUrl(int page) =>
        $"/Organizations?q={Uri.EscapeDataString(Q ?? "")}&kind={Uri.EscapeDataString(Kind ?? "")}" +
        $"&regionCode={Uri.EscapeDataString(RegionCode ?? "")}{(NonCompliant ? "&nonCompliant=true" : "")}&page={page}";
}
